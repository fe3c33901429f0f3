"""Dated changes read as versions of a flow (used by the engine's arrivals and by capacity)."""

from __future__ import annotations

import datetime as dt

from corridor_sim.scenario.models import Flow, Scenario


def flow_changes(scenario: Scenario, name: str) -> list[tuple[float, Flow]]:
    """The flow ``name`` after each timeline change that touches it, in date order.

    Returns
    -------
    list of (time_h, Flow)
        Hours from ``scenario.run.start`` at which each new version takes effect.
    """
    out: list[tuple[float, Flow]] = []
    current = scenario.flows[name]
    prefix = f"flows.{name}."
    for change in sorted(scenario.timeline, key=lambda c: c.date):
        update = {k[len(prefix):]: v for k, v in change.set.items() if k.startswith(prefix)}
        if update:
            current = current.model_copy(update=update)
            out.append((_hours(scenario.run.start, change.date), current))
    return out


def _hours(start: dt.date, day: dt.date) -> float:
    return (day - start).days * 24.0
