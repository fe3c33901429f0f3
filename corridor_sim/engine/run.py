"""Run one replication and return its raw records (numpy arrays only)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from corridor_sim.engine.demand import start_demand
from corridor_sim.engine.disruptions import start_disruptions
from corridor_sim.engine.lots import DELIVERED, ON_VEHICLE, WAITING
from corridor_sim.engine.model import Model
from corridor_sim.engine.monitor import Monitor
from corridor_sim.engine.timeline import timeline
from corridor_sim.engine.vehicle import TRIP_COLUMNS, start_vehicle
from corridor_sim.network.routing import Route
from corridor_sim.scenario.models import Scenario


@dataclass
class Census:
    """Lots found in the model's live structures at the end of a run, per flow."""

    queued: np.ndarray
    dwelling: np.ndarray
    on_board: np.ndarray


@dataclass
class RawResults:
    """Everything one run recorded, as arrays; the results layer turns it into tables.

    Times are hours from the scenario's start date.
    """

    lots: dict[str, np.ndarray]
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

    trip_columns: tuple[str, ...] = TRIP_COLUMNS


def build(scenario: Scenario, routes: dict[str, tuple[Route, ...]],
          seed: int | np.random.SeedSequence) -> tuple[Model, Monitor]:
    """Create the model and start all its processes (nothing runs yet)."""
    m = Model(scenario, routes, seed)
    for s in m.services:
        for _ in range(s.target_vehicles):
            start_vehicle(m, s)
    start_demand(m)
    start_disruptions(m)
    if m.scenario.timeline:
        m.env.process(timeline(m))
    monitor = Monitor(m)
    m.env.process(monitor.process(m))
    return m, monitor


def run_model(scenario: Scenario, routes: dict[str, tuple[Route, ...]],
              seed: int | np.random.SeedSequence) -> RawResults:
    """Simulate ``scenario`` over its horizon.

    Parameters
    ----------
    scenario : Scenario
        Validated scenario.
    routes : dict
        Routes per flow (network layer).
    seed : int or SeedSequence
        Root of the run's random streams.
    """
    m, monitor = build(scenario, routes, seed)
    m.run()
    return collect(m, monitor)


def census(m: Model) -> Census:
    """Count lots per flow in queues, in clearance and on board, from live structures."""
    n = len(m.flow_names)
    queued, dwelling, on_board = np.zeros(n, int), np.zeros(n, int), np.zeros(n, int)
    flow_of = m.routes.flow
    for s in m.services:
        for p in s.queue.parcels:
            queued[flow_of[p.route]] += p.n
    for group in m.dwelling.values():
        for p in group:
            dwelling[flow_of[p.route]] += p.n
    for parcels in m.on_board.values():
        for p in parcels:
            on_board[flow_of[p.route]] += p.n
    return Census(queued, dwelling, on_board)


def collect(m: Model, monitor: Monitor) -> RawResults:
    """Freeze the run's records into a RawResults."""
    trips = np.array(m.trips, dtype=float).reshape(-1, len(TRIP_COLUMNS))
    return RawResults(
        lots=m.lots.trimmed(), trips=trips, node_daily=monitor.node,
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
