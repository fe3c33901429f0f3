"""Dated changes to terminals and services (flows' changes are read by their arrival clocks)."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import simpy

from corridor_sim.scenario.calendar import hours_since
from corridor_sim.engine.model import Model
from corridor_sim.engine.vehicle import start_vehicle

Proc = Generator[simpy.Event, object, None]


def set_field(root: Any, parts: list[str], value: object) -> None:
    """Set a nested attribute of a pydantic model (validated on assignment)."""
    obj = root
    for part in parts[:-1]:
        obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


def apply_change(m: Model, key: str, value: object) -> None:
    """Apply one ``set`` entry of a change now."""
    table, name, *rest = key.split(".")
    s = m.scenario
    if table == "services":
        svc = s.services[name]
        set_field(svc, rest, value)
        _service_changed(m, m.service_index[name], rest)
    elif table == "nodes":
        node = s.nodes[name]
        set_field(node, rest, value)
        state = m.nodes[m.node_index[name]]
        state.berths.set_capacity(node.berths)
        state.yard_teu.set_capacity(node.yard_teu if node.yard_teu is not None else float("inf"))
        state.yard_t.set_capacity(node.yard_t if node.yard_t is not None else float("inf"))
        state.set_handling(node)


def _service_changed(m: Model, i: int, rest: list[str]) -> None:
    state = m.services[i]
    svc = m.scenario.services[m.service_names[i]]  # keyed by name in the file, not display name
    state.apply(svc)
    if rest == ["enabled"] and svc.enabled != state.enabled:
        state.enabled = svc.enabled
        if svc.enabled:
            state.gate.open()
        else:
            state.gate.close()
    state.target_vehicles = svc.fleet.vehicles
    while state.active_vehicles < state.target_vehicles:
        start_vehicle(m, state)


def timeline(m: Model) -> Proc:
    """Apply every dated change (terminals and services) at its date."""
    s = m.scenario
    for change in sorted(s.timeline, key=lambda c: c.date):
        at = hours_since(s.run.start, change.date)
        if at >= m.horizon_h:
            return
        if at > m.env.now:
            yield m.env.timeout(at - m.env.now)
        for key, value in change.set.items():
            if not key.startswith("flows."):
                apply_change(m, key, value)
