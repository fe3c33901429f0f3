"""Generalized cost of a whole route: mean time, its spread (p95 - p50), and money.

The a-priori cost is read off the timetable: each leg's wait for a departure
(uniform over a headway, or over the maximum wait of a fill-or-wait service),
transit and clearance at the far node are drawn ``samples`` times from a fixed
stream, so the same scenario always gives the same cost. Congestion is not in it:
the fixed point (:mod:`corridor_sim.experiments.assignment`) replaces the time
terms by what the simulation measured.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from corridor_sim.network.routing import Route, expected_wait_h, leg_money_usd_per_t
from corridor_sim.scenario.distributions import Dist
from corridor_sim.scenario.schema import Flow, Scenario

A_PRIORI_SAMPLES = 4000
A_PRIORI_SEED = 20_250_609  # fixed: the a-priori cost is a property of the scenario


@dataclass(frozen=True)
class RouteCost:
    """What a shipper weighs on one route, per tonne.

    Attributes
    ----------
    time_mean_h : float
        Mean door-to-door hours.
    spread_h : float
        p95 minus p50 of the hours (the reliability term).
    money_usd_per_t : float
        Tariffs and handling fees, USD/t.
    """

    time_mean_h: float
    spread_h: float
    money_usd_per_t: float

    def generalized_usd_per_t(self, vot_usd_per_t_h: float, reliability_ratio: float) -> float:
        """``vot * (mean + reliability_ratio * spread) + money``, USD/t."""
        return (vot_usd_per_t_h * (self.time_mean_h + reliability_ratio * self.spread_h)
                + self.money_usd_per_t)


def route_money_usd_per_t(scenario: Scenario, flow: Flow, route: Route) -> float:
    """Tariffs and handling fees along ``route`` for one tonne of ``flow``, USD/t."""
    return sum(leg_money_usd_per_t(scenario.services[s], scenario.nodes[far], flow)
               for s, far in zip(route.services, route.nodes[1:]))


def _draws(dist: Dist, n: int, gen: np.random.Generator) -> np.ndarray:
    from corridor_sim.engine.rng import Sampler  # the engine's sampler: one set of formulas

    sampler = Sampler(dist, gen)
    return np.fromiter((sampler.draw() for _ in range(n)), dtype=float, count=n)


def route_hours_samples(scenario: Scenario, route: Route, samples: int = A_PRIORI_SAMPLES,
                        seed: int = A_PRIORI_SEED) -> np.ndarray:
    """``samples`` draws of the route's door-to-door hours from its timetable."""
    gen = np.random.default_rng(seed)
    total = np.zeros(samples)
    for s in route.services:
        svc = scenario.services[s]
        total += gen.uniform(0.0, 2.0 * expected_wait_h(svc), samples)
        total += _draws(svc.transit_h, samples, gen)
    for n in route.nodes[1:-1]:  # clearance before each onward leg (none at the destination)
        total += _draws(scenario.nodes[n].dwell_h, samples, gen)
    return total


def a_priori_cost(scenario: Scenario, flow: Flow, route: Route) -> RouteCost:
    """The route's cost from the timetable alone (no congestion)."""
    hours = route_hours_samples(scenario, route)
    p50, p95 = np.percentile(hours, [50.0, 95.0])
    return RouteCost(float(hours.mean()), float(p95 - p50),
                     route_money_usd_per_t(scenario, flow, route))
