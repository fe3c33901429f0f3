"""Storms: stochastic closures of the nodes and services of a weather zone.

Closure starts follow the zone's monthly rate per open day (on the Poisson clock);
each closure lasts a draw of ``duration_days``. Schema: ``weather:`` zones, and a
node's or service's ``weather: ZONE``.
"""

from __future__ import annotations

from collections.abc import Generator

import simpy

from corridor_sim.engine.clock import Times, poisson_times
from corridor_sim.engine.model import Model
from corridor_sim.engine.resources import Gate
from corridor_sim.engine.rng import Sampler, UnitExp, stream
from corridor_sim.scenario.calendar import HOURS_PER_DAY
from corridor_sim.scenario.schema import WeatherZone

Proc = Generator[simpy.Event, object, None]


def start_storms(m: Model) -> None:
    """One storm process per weather zone that holds a node or a service."""
    s = m.scenario
    for name, zone in s.weather.items():
        gates = [m.nodes[i].gate for i, n in enumerate(s.nodes.values()) if n.weather == name]
        gates += [m.services[i].gate for i, v in enumerate(s.services.values()) if v.weather == name]
        if not gates:
            continue
        gen = stream(m.seed, f"weather:{name}")
        duration = Sampler(zone.duration_days, gen, scale=HOURS_PER_DAY)
        m.env.process(storms(m, zone, gates, UnitExp(gen), duration))


class StormRate:
    """Closure starts per hour of a weather zone: its monthly rate per open day."""

    def __init__(self, m: Model, zone: WeatherZone) -> None:
        self.calendar = m.calendar
        self.per_day = zone.closure_starts_per_day

    def rate_per_h(self, t_h: float) -> float:
        """Closure starts per hour at ``t_h``."""
        return self.per_day[self.calendar.month(t_h)] / HOURS_PER_DAY

    def next_bound_h(self, t_h: float) -> float:
        """The next month start."""
        return self.calendar.next_bound_h(t_h)


def storms(m: Model, zone: WeatherZone, gates: list[Gate], exp: UnitExp,
           duration: Sampler) -> Proc:
    """Close ``gates`` for storm periods; starts follow monthly rates per open day.

    Storm starts run on the Poisson clock; the clock waits while a storm lasts.
    """
    env = m.env
    clock = poisson_times(StormRate(m, zone), env.now, m.horizon_h, exp.draw)
    t = next(clock, None)
    while t is not None:
        yield env.timeout(t - env.now)
        for g in gates:
            g.close()
        yield env.timeout(duration.draw())
        for g in gates:
            g.open()
        t = _resume(clock, env.now)


def _resume(clock: Times, now_h: float) -> float | None:
    """The clock's next event, counting from ``now_h`` (None when it has stopped)."""
    try:
        return clock.send(now_h)
    except StopIteration:
        return None
