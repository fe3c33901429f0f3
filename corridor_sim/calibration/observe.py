"""Measure observations in simulated runs: throughput over date ranges, per replication."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from corridor_sim.api import simulate
from corridor_sim.calibration.spec import Observation
from corridor_sim.results import Results
from corridor_sim.results.targets import measure
from corridor_sim.scenario import Scenario, Target
from corridor_sim.scenario.calendar import hours_since


def window_h(scenario: Scenario, obs: Observation) -> tuple[float, float]:
    """The observation's date range in simulation hours; ValueError if the run misses it."""
    a = hours_since(scenario.run.start, obs.start)
    b = hours_since(scenario.run.start, obs.end)
    if a < scenario.run.warmup_days * 24.0 or b > scenario.run.horizon_days * 24.0:
        raise ValueError(
            f"observation '{obs.name}' ({obs.start} to {obs.end}) lies outside the measured "
            f"part of scenario '{scenario.name}' (after its warm-up, before its horizon)")
    return a, b


def measure_observation(results: Results, obs: Observation) -> float:
    """The simulated value of ``obs`` in one run (t, TEU or days)."""
    s = results.scenario
    a, b = window_h(s, obs)
    if obs.metric == "closed_days":
        return closed_days(results, obs.scope, a, b)
    target = Target(metric=obs.metric, scope=obs.scope, at_least=0.0)
    return measure(s, target, results.trips, results.legs, results.lots, a, b)


def closed_days(results: Results, scope: str, a_h: float, b_h: float) -> float:
    """Days node ``scope`` (``node:NAME``) was closed in ``[a_h, b_h)`` (whole days)."""
    kind, _, name = scope.partition(":")
    if kind != "node" or name not in results.scenario.nodes:
        raise ValueError(f"closed_days needs a scope node:NAME of a known node, got '{scope}'")
    d = results.nodes_daily
    rows = (d["node"] == name) & (d["day"] >= a_h / 24.0) & (d["day"] < b_h / 24.0)
    return float(d.loc[rows, "closed_h"].sum() / 24.0)


def replication_seed(root_seed: int, index: int) -> np.random.SeedSequence:
    """Seed of replication ``index`` (as in corridor_sim.experiments)."""
    return np.random.SeedSequence(root_seed, spawn_key=(index,))


def observe_one(scenario: Scenario, observations: Sequence[Observation], root_seed: int,
                index: int) -> list[float]:
    """Simulate replication ``index`` and measure every observation."""
    results = simulate(scenario, seed=replication_seed(root_seed, index))
    return [measure_observation(results, o) for o in observations]


def observe(scenario: Scenario, observations: Sequence[Observation], replications: int,
            root_seed: int, workers: int = 1) -> np.ndarray:
    """Simulated values: one row per replication, one column per observation.

    Replication ``i`` uses ``SeedSequence(root_seed, spawn_key=(i,))`` whatever
    ``workers`` (processes), so the table is the same for any number of workers.
    """
    for o in observations:
        window_h(scenario, o)
    n = len(observations)
    if workers <= 1 or replications == 1:
        rows = [observe_one(scenario, observations, root_seed, i) for i in range(replications)]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            rows = list(pool.map(observe_one, [scenario] * replications,
                                 [list(observations)] * replications,
                                 [root_seed] * replications, range(replications)))
    return np.array(rows, dtype=float).reshape(replications, n)
