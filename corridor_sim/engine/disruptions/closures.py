"""Dated closures: a node or a service closed from one date to another.

Schema: ``closures: [{start: DATE, end: DATE}]`` on a node or a service.
"""

from __future__ import annotations

from collections.abc import Generator

import simpy

from corridor_sim.engine.model import Model
from corridor_sim.engine.resources import Gate
from corridor_sim.scenario.calendar import hours_since
from corridor_sim.scenario.schema import DatedClosure

Proc = Generator[simpy.Event, object, None]


def start_closures(m: Model) -> None:
    """One process per dated closure of every node, then of every service."""
    s = m.scenario
    for i, node in enumerate(s.nodes.values()):
        for c in node.closures:
            m.env.process(dated(m, c, m.nodes[i].gate))
    for i, svc in enumerate(s.services.values()):
        for c in svc.closures:
            m.env.process(dated(m, c, m.services[i].gate))


def dated(m: Model, closure: DatedClosure, gate: Gate) -> Proc:
    """Close ``gate`` from the closure's start to its end."""
    env = m.env
    start = max(0.0, hours_since(m.scenario.run.start, closure.start))
    end = hours_since(m.scenario.run.start, closure.end)
    if end <= 0.0 or start >= m.horizon_h:
        return
    if start > 0.0:
        yield env.timeout(start)
    gate.close()
    yield env.timeout(end - env.now)
    gate.open()
