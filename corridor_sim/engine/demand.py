"""Cargo arrivals: a Poisson process of batches with monthly seasonality and growth.

The rate is piecewise constant (it changes at month starts and at the flow's
timeline changes); arrivals run on the Poisson clock (:mod:`corridor_sim.engine.clock`),
one event per batch.
"""

from __future__ import annotations

import bisect
from collections.abc import Generator

import numpy as np
import simpy
from simpy.events import Timeout

from corridor_sim.engine.clock import poisson_times
from corridor_sim.engine.diversion import Diversion, diversion_for
from corridor_sim.engine.model import Model
from corridor_sim.engine.rng import UnitExp, stream
from corridor_sim.scenario.calendar import HOURS_PER_YEAR
from corridor_sim.scenario.schema import Flow
from corridor_sim.scenario.timeline import flow_versions

Proc = Generator[simpy.Event, object, None]


def month_weights(seasonality: list[float], year: int) -> list[float]:
    """Monthly weights normalised so that the year's mean rate is 1 (weighted by days)."""
    days = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    mean = sum(w * d for w, d in zip(seasonality, days)) / sum(days)
    return [w / mean for w in seasonality]


class FlowClock:
    """Batch arrival rate of one flow as a function of simulation time.

    Parameters
    ----------
    model : Model
        The run (calendar and the flow's dated changes).
    flow : Flow
        The flow at the start of the run.
    changes : list of (time_h, Flow)
        The flow after each dated change, in time order.
    """

    def __init__(self, model: Model, flow: Flow, changes: list[tuple[float, Flow]]) -> None:
        self.calendar = model.calendar
        self.base_year = model.calendar.date_of(model.warmup_h).year
        self.change_h = [h for h, _ in changes]
        self.versions = [flow, *[f for _, f in changes]]
        self.batches = [(v.batch_lots, v.lot_size_teu, v.lot_size_t) for v in self.versions]
        self._cache: dict[tuple[int, int], float] = {}

    def flow_at(self, t_h: float) -> Flow:
        """The flow's parameters in force at ``t_h``."""
        return self.versions[bisect.bisect_right(self.change_h, t_h)]

    def batch_at(self, t_h: float) -> tuple[int, float, float]:
        """Lots per batch, TEU and t per lot, in force at ``t_h``."""
        return self.batches[bisect.bisect_right(self.change_h, t_h)]

    def rate_per_h(self, t_h: float) -> float:
        """Batches per hour at ``t_h``."""
        key = (bisect.bisect_right(self.change_h, t_h), self.calendar.index(t_h))
        rate = self._cache.get(key)
        if rate is None:
            rate = self._cache[key] = self._rate(*key)
        return rate

    def _rate(self, version: int, i: int) -> float:
        f = self.versions[version]
        if not f.enabled:
            return 0.0
        cal = self.calendar
        year = cal.years[i]
        season = month_weights(f.seasonality, year)[cal.months[i]]
        growth = (1.0 + f.growth_per_year) ** (year - self.base_year)
        return f.lots_per_year / HOURS_PER_YEAR * season * growth / f.batch_lots

    def next_bound_h(self, t_h: float) -> float:
        """Next time the rate may change."""
        bound = self.calendar.next_bound_h(t_h)
        j = bisect.bisect_right(self.change_h, t_h)
        if j < len(self.change_h):
            bound = min(bound, self.change_h[j])
        return bound


def arrivals(m: Model, f: int, clock: FlowClock, gen: np.random.Generator) -> Proc:
    """Create batches of lots of flow ``f`` until the horizon (on the Poisson clock)."""
    env = m.env
    exp = UnitExp(gen)
    routes = m.flow_routes[f]
    cum = np.cumsum([share for _, share in routes]).tolist()
    draw = _one if clock.versions[0].arrival == "regular" else exp.draw
    diversion = diversion_for(m, f)
    for t in poisson_times(clock, env.now, m.horizon_h, draw):
        yield Timeout(env, t - env.now)
        _arrive(m, f, clock.batch_at(t), routes, cum, exp, diversion)


def _one() -> float:
    return 1.0


def _arrive(m: Model, f: int, batch: tuple[int, float, float], routes: list[tuple[int, float]],
            cum: list[float], exp: UnitExp, diversion: Diversion | None = None) -> None:
    route = routes[0][0]
    if len(routes) > 1:
        u = exp.uniform()
        if diversion is not None:
            route = diversion.pick(u)
        else:
            route = routes[min(bisect.bisect_right(cum, u * cum[-1]), len(routes) - 1)][0]
    m.create(f, route, *batch)


def start_demand(m: Model) -> None:
    """Start the arrival process of every enabled flow that has routes."""
    seed = m.seed
    for f, name in enumerate(m.flow_names):
        if f not in m.flow_routes:
            continue
        clock = FlowClock(m, m.scenario.flows[name], flow_versions(m.history, name))
        m.env.process(arrivals(m, f, clock, stream(seed, f"flow:{name}")))
