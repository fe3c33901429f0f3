"""Closures: stochastic weather (storms) by zone, and dated closures of nodes and services."""

from __future__ import annotations

from collections.abc import Generator

import simpy

from corridor_sim.engine.model import Model
from corridor_sim.engine.resources import Gate
from corridor_sim.engine.rng import Sampler, UnitExp, stream
from corridor_sim.scenario.calendar import HOURS_PER_DAY, hours_since
from corridor_sim.scenario.models import DatedClosure, WeatherZone

Proc = Generator[simpy.Event, object, None]


def storms(m: Model, zone: WeatherZone, gates: list[Gate], exp: UnitExp,
           duration: Sampler) -> Proc:
    """Close ``gates`` for storm periods; starts follow monthly rates per open day."""
    env = m.env
    cal = m.calendar
    t = env.now
    e = exp.draw()
    while True:
        rate = zone.closure_starts_per_day[cal.month(t)] / HOURS_PER_DAY
        bound = cal.next_bound_h(t)
        if rate > 0.0 and t + e / rate <= bound:
            t += e / rate
            if t >= m.horizon_h:
                return
            yield env.timeout(t - env.now)
            for g in gates:
                g.close()
            yield env.timeout(duration.draw())
            for g in gates:
                g.open()
            t = env.now
            e = exp.draw()
            continue
        if bound >= m.horizon_h:
            return
        e -= rate * (bound - t)
        t = bound


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


def start_disruptions(m: Model) -> None:
    """Start storm processes per weather zone and every dated closure."""
    s = m.scenario
    for name, zone in s.weather.items():
        gates = [m.nodes[i].gate for i, n in enumerate(s.nodes.values()) if n.weather == name]
        gates += [m.services[i].gate for i, v in enumerate(s.services.values()) if v.weather == name]
        if not gates:
            continue
        gen = stream(m.seed, f"weather:{name}")
        duration = Sampler(zone.duration_days, gen, scale=HOURS_PER_DAY)
        m.env.process(storms(m, zone, gates, UnitExp(gen), duration))
    for i, node in enumerate(s.nodes.values()):
        for c in node.closures:
            m.env.process(dated(m, c, m.nodes[i].gate))
    for i, svc in enumerate(s.services.values()):
        for c in svc.closures:
            m.env.process(dated(m, c, m.services[i].gate))
