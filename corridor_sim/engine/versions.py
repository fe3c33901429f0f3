"""Dated changes to terminals and services, applied at their hour during a run.

The scenario layer builds the versions (:func:`corridor_sim.scenario.timeline.versions`,
validated once, before the run); this process switches the run-time state to each
version's values at its hour. Flows' changes are read by their arrival clocks.
"""

from __future__ import annotations

from collections.abc import Generator

import simpy

from corridor_sim.engine.model import Model
from corridor_sim.engine.vehicle import start_vehicle
from corridor_sim.scenario.timeline import Version

Proc = Generator[simpy.Event, object, None]


def apply_version(m: Model, version: Version) -> None:
    """Take the values of every terminal and service field the version's change set."""
    for key in version.keys:
        table, name, *rest = key.split(".")
        field = ".".join(rest)
        if table == "services":
            _service_changed(m, m.service_index[name], version, field)
        elif table == "nodes":
            _node_changed(m, m.node_index[name], version, field)


def _node_changed(m: Model, i: int, version: Version, field: str) -> None:
    node = version.scenario.nodes[m.node_names[i]]
    state = m.nodes[i]
    if field == "berths":
        state.berths.set_capacity(node.berths)
    elif field == "yard_teu":
        state.yard_teu.set_capacity(node.yard_teu if node.yard_teu is not None else float("inf"))
    elif field == "yard_t":
        state.yard_t.set_capacity(node.yard_t if node.yard_t is not None else float("inf"))
    elif field.startswith("handling."):
        state.set_handling(node)


def _service_changed(m: Model, i: int, version: Version, field: str) -> None:
    state = m.services[i]
    svc = version.scenario.services[m.service_names[i]]  # keyed by name in the file, not display name
    state.apply(svc)
    if field == "enabled" and svc.enabled != state.enabled:
        state.enabled = svc.enabled
        if svc.enabled:
            state.gate.open()
        else:
            state.gate.close()
    if field == "fleet.vehicles":
        state.target_vehicles = svc.fleet.vehicles
        while state.active_vehicles < state.target_vehicles:
            start_vehicle(m, state)


def timeline(m: Model) -> Proc:
    """Switch to every version of the timeline (terminals and services) at its hour."""
    for version in m.history[1:]:
        if version.start_h >= m.horizon_h:
            return
        if version.start_h > m.env.now:
            yield m.env.timeout(version.start_h - m.env.now)
        apply_version(m, version)
