"""Congestion feedback: route shares at the fixed point of choice and simulation.

Method of successive averages (MSA). With ``s_0`` the a-priori logit shares of every
flow whose route is a :class:`~corridor_sim.scenario.choice.RouteChoice`, iteration
``k = 1, 2, ...``:

1. simulate ``replications`` runs with shares ``s_{k-1}`` (the same seeds every
   iteration: common random numbers, so the iterates differ by the shares, not noise);
2. measure each route's mean hours and spread (:mod:`route_observed`) and take the
   logit response ``y_k`` to those costs;
3. ``s_k = s_{k-1} + (y_k - s_{k-1}) / k``.

With ``method="sra"`` (self-regulated averaging, Liu, Ban, Ran and Mirchandani 2009) the
step is ``1 / beta_k`` instead of ``1 / k``: ``beta`` grows by ``SRA_UP`` (1.5) after an
iteration whose residual grew and by ``SRA_DOWN`` (0.3) after one whose residual fell,
so the steps stay long while the iterates improve and shrink fast when they oscillate
(a line near its capacity makes the response jump).

The residual ``gap_k = max |y_k - s_{k-1}|`` over flows and routes is zero at a fixed
point (the shares reproduce themselves); iterations stop when it falls below ``tol``,
or (with ``replications >= 3``) below twice its noise: the standard error of the
response over the replications, ``noise_k = max sd_r(y_k^(r)) / sqrt(R)``, the floor
the residual cannot go under at the fixed point itself (``stopped_by`` says which).
A congested route sheds traffic because its measured hours rise; a new line draws
what it can carry at the cost its queues imply.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from corridor_sim.api import simulate
from corridor_sim.experiments.replications import replication_seed
from corridor_sim.experiments.route_observed import observed_costs
from corridor_sim.network.choice import a_priori_costs, alternatives, shares_for, value_of_time
from corridor_sim.network.route_cost import RouteCost
from corridor_sim.network.routing import Route
from corridor_sim.results import Results
from corridor_sim.scenario.schema import RouteChoice, Scenario

HISTORY_COLUMNS = ["iteration", "flow", "route", "share", "response", "time_mean_h", "spread_h",
                   "money_usd_per_t", "cost_usd_per_t"]
OnIteration = Callable[[int, float], None]
SRA_UP, SRA_DOWN = 1.5, 0.3
MIN_NOISE_REPLICATIONS = 3  # a standard error from two values is too rough to stop on


@dataclass
class Assignment:
    """The outcome of the fixed point.

    Attributes
    ----------
    scenario : Scenario
        The input with every choosing flow's alternatives listed and its shares fixed
        at the last iterate (run it with ``run_experiment`` for intervals).
    shares : dict
        Flow → route label → share.
    history : DataFrame
        :data:`HISTORY_COLUMNS`, one row per iteration, flow and route (``share`` is
        the iterate simulated, ``response`` the logit response to what it measured).
    gaps : list of float
        ``gap_k`` per iteration.
    noise : list of float
        ``noise_k`` per iteration (NaN with fewer than three replications).
    converged : bool
        True if the last gap is below ``tol`` or below twice its noise.
    stopped_by : str
        ``"tol"``, ``"noise"`` or ``"iterations"``.
    """

    scenario: Scenario
    shares: dict[str, dict[str, float]]
    history: pd.DataFrame
    gaps: list[float] = field(default_factory=list)
    noise: list[float] = field(default_factory=list)
    converged: bool = False
    stopped_by: str = "iterations"


def choosing_flows(scenario: Scenario) -> list[str]:
    """Enabled flows whose route is a logit choice."""
    return [k for k, f in scenario.flows.items()
            if f.enabled and isinstance(f.route, RouteChoice)]


def with_shares(scenario: Scenario, routes: dict[str, list[Route]],
                shares: dict[str, np.ndarray]) -> Scenario:
    """A copy of ``scenario`` whose choosing flows list their alternatives with fixed shares."""
    s = scenario.model_copy(deep=True)
    for key, rs in routes.items():
        rc = s.flows[key].route
        assert isinstance(rc, RouteChoice)
        s.flows[key].route = rc.model_copy(update={
            "alternatives": [list(r.nodes) for r in rs],
            "shares": [float(x) for x in shares[key]]})
    return s


def _simulate_all(scenario: Scenario, replications: int, seed: int) -> list[Results]:
    return [simulate(scenario, seed=replication_seed(seed, i)) for i in range(replications)]


def equilibrate(scenario: Scenario, replications: int = 3, iterations: int = 8,
                tol: float = 0.02, seed: int | None = None,
                on_iteration: OnIteration | None = None,
                method: Literal["msa", "sra"] = "msa") -> Assignment:
    """Find the route shares that reproduce themselves under congestion (MSA).

    Parameters
    ----------
    scenario : Scenario
        With at least one flow whose route is a RouteChoice.
    replications : int
        Runs per iteration (seeds ``SeedSequence(seed, spawn_key=(i,))``).
    iterations : int
        Upper bound on the iterations.
    tol : float
        Stop when the largest share residual ``|y_k - s_{k-1}|`` is below it.
    seed : int, optional
        Root seed (default ``scenario.run.seed``).
    on_iteration : callable, optional
        Called with ``(k, gap_k)`` after each iteration.
    method : {"msa", "sra"}
        Step sizes ``1/k`` (successive averages) or self-regulated ``1/beta_k``.
    """
    root = scenario.run.seed if seed is None else seed
    keys = choosing_flows(scenario)
    if not keys:
        raise ValueError(f"scenario '{scenario.name}' has no flow whose route is a choice "
                         "(route: {choice: logit, ...})")
    routes = {k: alternatives(scenario, k) for k in keys}
    shares = {k: _initial(scenario, k, routes[k]) for k in keys}
    rows: list[tuple[object, ...]] = []
    gaps: list[float] = []
    noise: list[float] = []
    stopped_by = "iterations"
    beta = 0.0
    for k in range(1, iterations + 1):
        current = with_shares(scenario, routes, shares)
        runs = _simulate_all(current, replications, root)
        responses = {}
        for key in keys:
            costs = observed_costs(current, key, routes[key], runs)
            responses[key] = shares_for(current, key, routes[key], costs)
            rows += _rows(current, k, key, routes[key], shares[key], responses[key], costs)
        gap = max(float(np.abs(responses[key] - shares[key]).max()) for key in keys)
        noise.append(max(_response_se(current, key, routes[key], runs) for key in keys))
        beta = _next_beta(method, k, beta, gap, gaps[-1] if gaps else None)
        for key in keys:
            shares[key] = shares[key] + (responses[key] - shares[key]) / beta
        gaps.append(gap)
        if on_iteration is not None:
            on_iteration(k, gap)
        if gap < tol or gap < 2.0 * noise[-1]:
            stopped_by = "tol" if gap < tol else "noise"
            break
    final = with_shares(scenario, routes, shares)
    labels = {k: {r.label: float(x) for r, x in zip(routes[k], shares[k])} for k in keys}
    return Assignment(final, labels, pd.DataFrame(rows, columns=HISTORY_COLUMNS), gaps, noise,
                      stopped_by != "iterations", stopped_by)


def _response_se(s: Scenario, key: str, routes: list[Route], runs: list[Results]) -> float:
    """Largest standard error over routes of the response measured run by run."""
    if len(runs) < MIN_NOISE_REPLICATIONS:
        return math.nan
    ys = np.array([shares_for(s, key, routes, observed_costs(s, key, routes, [r])) for r in runs])
    return float((ys.std(axis=0, ddof=1) / math.sqrt(len(runs))).max())


def _next_beta(method: str, k: int, beta: float, gap: float, last_gap: float | None) -> float:
    """The inverse step of iteration ``k``: ``k`` for MSA; self-regulated for SRA."""
    if method == "msa" or last_gap is None:
        return float(k)
    return beta + (SRA_UP if gap >= last_gap else SRA_DOWN)


def _initial(scenario: Scenario, key: str, routes: list[Route]) -> np.ndarray:
    rc = scenario.flows[key].route
    assert isinstance(rc, RouteChoice)
    if rc.shares is not None:
        return np.asarray(rc.shares, dtype=float) / sum(rc.shares)
    return shares_for(scenario, key, routes, a_priori_costs(scenario, key, routes))


def _rows(s: Scenario, k: int, key: str, routes: list[Route], share: np.ndarray,
          response: np.ndarray, costs: list[RouteCost]) -> list[tuple[object, ...]]:
    rc = s.flows[key].route
    assert isinstance(rc, RouteChoice)
    vot = value_of_time(s.flows[key])
    return [(k, key, r.label, float(a), float(b), c.time_mean_h, c.spread_h, c.money_usd_per_t,
             c.generalized_usd_per_t(vot, rc.reliability_ratio))
            for r, a, b, c in zip(routes, share, response, costs)]
