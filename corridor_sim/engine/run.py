"""Run one replication and return its raw records (numpy arrays only)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from corridor_sim.engine.background import start_background
from corridor_sim.engine.demand import start_demand
from corridor_sim.engine.disruptions import start_disruptions
from corridor_sim.engine.lots import (
    BACKGROUND_COLUMNS,
    DELIVERED,
    NAN,
    ON_VEHICLE,
    RETURN_COLUMNS,
    TRIP_COLUMNS,
    WAITING,
)
from corridor_sim.engine.model import Model
from corridor_sim.engine.monitor import Monitor
from corridor_sim.engine.vehicle import start_vehicle
from corridor_sim.engine.versions import timeline
from corridor_sim.scenario.schema import Scenario

if TYPE_CHECKING:
    from corridor_sim.network.routing import Route

LIVE_RECORD = ("start", "stop", "state", "leg", "ready_h", "depart_h")


@dataclass
class Census:
    """Parcels found in the model's live structures at the end of a run.

    ``live`` has one row per parcel (columns :data:`LIVE_RECORD`): rows
    ``[start, stop)``, state (WAITING in a queue or in clearance, ON_VEHICLE),
    the leg it is on, and its ready / departure hours (NaN if not yet).
    """

    live: np.ndarray


COLLECT_AFTER_BYTES = 32 << 20
"""Leg records (bytes) from which :func:`run_model` collects the finished model's garbage."""


@dataclass
class RawResults:
    """Everything one run recorded, as arrays; the results layer turns it into tables.

    Times are hours from the scenario's start date.
    """

    lots: dict[str, np.ndarray]
    legs: np.ndarray
    trips: np.ndarray
    node_daily: dict[str, np.ndarray]
    service_daily: dict[str, np.ndarray]
    census: Census
    node_names: list[str]
    service_names: list[str]
    flow_names: list[str]
    route_labels: list[str]
    route_services: list[tuple[int, ...]]
    route_nodes: list[tuple[int, ...]]
    route_flow: list[int]
    warmup_h: float
    horizon_h: float
    n_events: int
    yard_peak: dict[str, np.ndarray] = field(default_factory=dict)
    closed_total_h: dict[str, np.ndarray] = field(default_factory=dict)

    returns: np.ndarray = field(default_factory=lambda: np.zeros((0, len(RETURN_COLUMNS))))
    background: np.ndarray = field(default_factory=lambda: np.zeros((0, len(BACKGROUND_COLUMNS))))
    background_names: list[str] = field(default_factory=list)
    operator_names: list[str] = field(default_factory=list)

    trip_columns: tuple[str, ...] = TRIP_COLUMNS


def build(scenario: Scenario, routes: dict[str, tuple[Route, ...]],
          seed: int | np.random.SeedSequence) -> tuple[Model, Monitor]:
    """Create the model and start all its processes (nothing runs yet)."""
    m = Model(scenario, routes, seed)
    # Closures and dated changes are scheduled first: at the same instant they act
    # before vehicles and arrivals (a port closed from 24:00 sees no 24:00 departure).
    start_disruptions(m)
    if m.scenario.timeline:
        m.env.process(timeline(m))
    for s in m.services:
        for _ in range(s.target_vehicles):
            start_vehicle(m, s)
    start_demand(m)
    start_background(m)
    monitor = Monitor(m)
    m.env.process(monitor.process(m))
    return m, monitor


def run_model(scenario: Scenario, routes: dict[str, tuple[Route, ...]],
              seed: int | np.random.SeedSequence,
              on_progress: Callable[[float], None] | None = None) -> RawResults:
    """Simulate ``scenario`` over its horizon.

    Parameters
    ----------
    scenario : Scenario
        Validated scenario.
    routes : dict
        Routes per flow (network layer).
    seed : int or SeedSequence
        Root of the run's random streams.
    on_progress : callable, optional
        Called now and then with the simulated hour (for a progress bar).
    """
    m, monitor = build(scenario, routes, seed)
    m.run(on_progress)
    raw = collect(m, monitor)
    # The model's processes, events and parcels form reference cycles (and its record
    # tables hold the arrays now in ``raw``): a big run's are freed now, not at some
    # later collection, so the tables built from ``raw`` reuse that memory instead of
    # adding to it. A small run's are left to the collector (a full collection costs
    # tens of ms, whatever the run's size: many small runs would pay it many times).
    del m, monitor
    if raw.legs.nbytes >= COLLECT_AFTER_BYTES:
        gc.collect()
    return raw


def census(m: Model) -> Census:
    """Every parcel still in a queue, in clearance or on board, from live structures."""
    rows: list[tuple[float, ...]] = []
    for s in m.services:
        rows += [(p.start, p.stop, WAITING, p.leg, p.ready_h, p.depart_h) for p in s.queue.parcels]
    for group in m.dwelling.values():
        rows += [(p.start, p.stop, WAITING, p.leg, NAN, NAN) for p in group]
    for parcels in m.on_board.values():
        rows += [(p.start, p.stop, ON_VEHICLE, p.leg, p.ready_h, p.depart_h) for p in parcels]
    return Census(np.array(rows, dtype=float).reshape(-1, len(LIVE_RECORD)))


def collect(m: Model, monitor: Monitor) -> RawResults:
    """Freeze the run's records into a RawResults."""
    return RawResults(
        lots=m.lots.trimmed(), legs=m.legs.array(), trips=m.trips.array(),
        returns=m.returns.array(), background=m.background.array(),
        background_names=list(m.scenario.background), operator_names=m.operator_names,
        node_daily=monitor.node,
        service_daily=monitor.service, census=census(m), node_names=m.node_names,
        service_names=m.service_names, flow_names=m.flow_names,
        route_labels=m.routes.labels, route_services=m.routes.services,
        route_nodes=m.routes.nodes, route_flow=m.routes.flow, warmup_h=m.warmup_h,
        horizon_h=m.horizon_h, n_events=m.n_events,
        yard_peak={"teu": np.array([n.yard_teu.peak for n in m.nodes]),
                   "t": np.array([n.yard_t.peak for n in m.nodes])},
        closed_total_h={"node": np.array([n.gate.closed_total_h() for n in m.nodes]),
                        "service": np.array([s.gate.closed_total_h() for s in m.services])},
    )


STATES = {"waiting": WAITING, "on_vehicle": ON_VEHICLE, "delivered": DELIVERED}
