"""The corridor model: run-time state, routes, lot table and records of one run."""

from __future__ import annotations

import gc
import heapq
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import simpy
from simpy.events import Timeout

from corridor_sim.engine.lots import (
    BACKGROUND_COLUMNS,
    LEG_RECORD,
    RETURN_COLUMNS,
    TRIP_COLUMNS,
    LotTable,
    Parcel,
)
from corridor_sim.engine.records import Records
from corridor_sim.engine.state import NodeState, ServiceState
from corridor_sim.scenario.calendar import HOURS_PER_DAY, Calendar
from corridor_sim.scenario.schema import Scenario
from corridor_sim.scenario.timeline import versions

if TYPE_CHECKING:
    from corridor_sim.network.routing import Route

NAN = math.nan
#: events between two calls of a run's progress callback
PROGRESS_EVERY = 20_000


@dataclass
class RouteTable:
    """Every route of every flow, numbered; services as indices."""

    flow: list[int] = field(default_factory=list)
    cargo: list[str] = field(default_factory=list)
    nodes: list[tuple[int, ...]] = field(default_factory=list)
    services: list[tuple[int, ...]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def add(self, flow: int, cargo: str, nodes: tuple[int, ...], services: tuple[int, ...],
            label: str) -> int:
        """Append a route and return its number."""
        self.flow.append(flow)
        self.cargo.append(cargo)
        self.nodes.append(nodes)
        self.services.append(services)
        self.labels.append(label)
        return len(self.flow) - 1


class Model:
    """State of one run. Processes (vehicles, demand, weather) act on it.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (not modified: the run switches to the versions of its
        timeline, built here once, see :mod:`corridor_sim.scenario.timeline`).
    routes : dict
        Routes per flow from :func:`corridor_sim.network.resolve_routes`.
    seed : int or numpy.random.SeedSequence
        Root of every random stream of the run.
    """

    def __init__(self, scenario: Scenario, routes: dict[str, tuple[Route, ...]],
                 seed: int | np.random.SeedSequence) -> None:
        self.scenario = scenario
        self.history = versions(scenario)
        self.seed = seed
        self.env = simpy.Environment()
        run = self.scenario.run
        self.horizon_h = run.horizon_days * HOURS_PER_DAY
        self.warmup_h = run.warmup_days * HOURS_PER_DAY
        self.calendar = Calendar(run.start, self.horizon_h)
        self.node_names = list(self.scenario.nodes)
        self.service_names = list(self.scenario.services)
        self.flow_names = list(self.scenario.flows)
        self.node_index = {n: i for i, n in enumerate(self.node_names)}
        self.service_index = {n: i for i, n in enumerate(self.service_names)}
        self.nodes = [NodeState(self.env, i, node, seed)
                      for i, node in enumerate(self.scenario.nodes.values())]
        self.operator_names: list[str] = []
        self.services = [
            ServiceState(self.env, i, svc, self.nodes[self.node_index[svc.from_]],
                         self.nodes[self.node_index[svc.to]], seed, self.operator_names)
            for i, svc in enumerate(self.scenario.services.values())
        ]
        for svc_state, svc in zip(self.services, self.scenario.services.values(), strict=True):
            if svc.backhaul is not None:
                svc_state.back = self.services[self.service_index[svc.backhaul]]
        self.routes = RouteTable()
        self.flow_routes: dict[int, list[tuple[int, float]]] = {}
        self._number_routes(routes)
        self.lots = LotTable()
        self.legs = Records(len(LEG_RECORD))
        self.trips = Records(len(TRIP_COLUMNS))
        self.returns = Records(len(RETURN_COLUMNS))
        self.background = Records(len(BACKGROUND_COLUMNS))
        self.on_board: dict[tuple[int, int], list[Parcel]] = {}
        self.dwelling: dict[int, list[Parcel]] = {}
        self._dwell_seq = 0
        self.n_events = 0

    def _number_routes(self, routes: dict[str, tuple[Route, ...]]) -> None:
        for name, options in routes.items():
            f = self.flow_names.index(name)
            cargo = self.scenario.flows[name].cargo
            self.flow_routes[f] = [
                (self.routes.add(
                    f, cargo,
                    tuple(self.node_index[n] for n in r.nodes),
                    tuple(self.service_index[s] for s in r.services),
                    r.label), r.share)
                for r in options
            ]

    # -- cargo hand-over -------------------------------------------------------

    def create(self, flow: int, route: int, count: int, teu_each: float, t_each: float) -> None:
        """Create ``count`` lots now and queue them for the route's first service."""
        now = self.env.now
        start = self.lots.add(count, flow, route, teu_each, t_each, now)
        parcel = Parcel(start, start + count, route, 0, teu_each, t_each, now)
        self.services[self.routes.services[route][0]].queue.push(parcel)

    def hand_over(self, parcels: list[Parcel], node: NodeState) -> None:
        """Lots unloaded at ``node``: deliver them, or clear them for their next service."""
        now = self.env.now
        record = self.legs.buf.extend
        route_services = self.routes.services
        onward: dict[int, list[Parcel]] = {}
        for p in parcels:
            leg = p.leg
            record((p.start, p.stop, leg, p.ready_h, p.depart_h, now))
            services = route_services[p.route]
            leg += 1
            if leg == len(services):
                continue  # delivered: the record of its last leg says so
            p.leg = leg
            p.depart_h = NAN
            group = onward.get(services[leg])
            if group is None:
                onward[services[leg]] = [p]
            else:
                group.append(p)
        self.legs.flush_if_full()
        for svc, group in onward.items():
            dwell_h = node.dwell.draw()
            if dwell_h <= 0.0:
                self._queue_onward(svc, group)
                continue
            key = self._dwell_seq
            self._dwell_seq += 1
            self.dwelling[key] = group
            ev = Timeout(self.env, dwell_h, value=(key, svc))
            ev.callbacks.append(self._cleared)

    def _cleared(self, ev: simpy.Event) -> None:
        key, svc = ev.value  # type: ignore[misc]
        self._queue_onward(svc, self.dwelling.pop(key))

    def _queue_onward(self, svc: int, group: list[Parcel]) -> None:
        self.services[svc].queue.push_ready(group, self.env.now)

    # -- running ---------------------------------------------------------------

    def run(self, on_progress: Callable[[float], None] | None = None, loop: str = "inline") -> int:
        """Run to the horizon (every event at the horizon included); return the events processed.

        ``on_progress``, if given, is called with the simulated hour every
        :data:`PROGRESS_EVERY` events (the events and their order are the same).
        ``loop="inline"`` processes events with :func:`process_events`, SimPy's
        ``Environment.step`` written out in one loop; ``"step"`` calls ``step``
        itself (the reference: the two give the same run, event for event).
        """
        env = self.env
        Horizon(env, self.horizon_h)
        # The loop allocates many small objects that it frees itself (events, parcels);
        # cyclic garbage collection would only rescan the growing records (~10 % of the
        # run time), so it waits until the run ends.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            n = (process_events(env, on_progress) if loop == "inline"
                 else step_events(env, on_progress))
        finally:
            if gc_was_enabled:
                gc.enable()
        self.n_events = n
        return n


def step_events(env: simpy.Environment, on_progress: Callable[[float], None] | None = None) -> int:
    """Call ``env.step()`` until the run stops; return the events processed.

    ``on_progress`` is called with the clock every :data:`PROGRESS_EVERY` events.
    """
    step = env.step
    n = 0
    try:
        for n in itertools.count():  # noqa: B007 - n counts the events processed
            step()
            if on_progress is not None and not n % PROGRESS_EVERY:
                on_progress(env.now)
    except simpy.core.StopSimulation:
        pass
    return n


def process_events(env: simpy.Environment,
                   on_progress: Callable[[float], None] | None = None) -> int:
    """What :func:`step_events` does, without a method call per event.

    The body is SimPy 4's ``Environment.step``: pop the next event, set the clock,
    detach and call its callbacks, raise a failure nobody defused. The run never
    resumes after :class:`simpy.core.StopSimulation`, so the callbacks left after
    the stopping one are not rescheduled. Returns the events processed (the one
    that stopped the run not counted).
    """
    queue = env._queue
    pop = heapq.heappop
    n = 0
    # the progress call is due when n reaches `report`: after the first event, then every
    # PROGRESS_EVERY events (never without a callback)
    report = 1 if on_progress is not None else -1
    try:
        while True:
            try:
                env._now, _, _, event = pop(queue)
            except IndexError:
                raise simpy.core.EmptySchedule from None
            callbacks, event.callbacks = event.callbacks, None  # type: ignore[assignment]
            for callback in callbacks:
                callback(event)
            if not event._ok and not hasattr(event, "_defused"):
                exc = type(event._value)(*event._value.args)
                exc.__cause__ = event._value
                raise exc
            n += 1
            if n == report:
                on_progress(env._now)  # type: ignore[misc]
                report += PROGRESS_EVERY
    except simpy.core.StopSimulation:
        pass
    return n


class Horizon(simpy.Event):
    """Stops the run at ``at_h`` after every other event of that instant.

    Scheduled with a priority below SimPy's NORMAL, it is processed after the events
    at ``at_h`` (also those scheduled while they run); the loop then leaves on the
    :class:`simpy.core.StopSimulation` it raises.
    """

    AFTER_NORMAL = simpy.events.EventPriority(2)

    def __init__(self, env: simpy.Environment, at_h: float) -> None:
        super().__init__(env)
        self._ok = True
        self._value = None
        self.callbacks.append(simpy.core.StopSimulation.callback)
        env.schedule(self, self.AFTER_NORMAL, at_h - env.now)
