"""The public API: load a scenario, simulate it."""

from __future__ import annotations

import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

import numpy as np

from corridor_sim.engine import run_model
from corridor_sim.network import resolve_routes
from corridor_sim.results import Results, build_results
from corridor_sim.scenario import Scenario, load_scenario, scenario_hash

__all__ = ["load_scenario", "package_version", "simulate"]


def package_version() -> str:
    """The installed corridor-sim version."""
    try:
        return version("corridor-sim")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def simulate(scenario: Scenario, seed: int | np.random.SeedSequence | None = None,
             on_progress: Callable[[float, float], None] | None = None) -> Results:
    """Simulate one replication of ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        From :func:`load_scenario`.
    seed : int or numpy.random.SeedSequence, optional
        Root of the run's random streams; default ``scenario.run.seed``.
    on_progress : callable, optional
        Called now and then with ``(simulated_h, horizon_h)`` (for a progress bar);
        the results do not depend on it.

    Returns
    -------
    Results
        Tables, KPIs, targets and provenance. Same scenario and seed give
        identical tables.
    """
    seed = scenario.run.seed if seed is None else seed
    routes = resolve_routes(scenario)
    started = time.perf_counter()
    horizon_h = scenario.run.horizon_days * 24.0
    tick = None if on_progress is None else (lambda now_h: on_progress(now_h, horizon_h))
    raw = run_model(scenario, routes, seed, tick)
    wall_s = time.perf_counter() - started
    meta = {
        "scenario": scenario.name,
        "scenario_hash": scenario_hash(scenario),
        "seed": _seed_repr(seed),
        "version": package_version(),
        "start": scenario.run.start.isoformat(),
        "horizon_days": scenario.run.horizon_days,
        "warmup_days": scenario.run.warmup_days,
        "sim_wall_s": round(wall_s, 4),
    }
    return build_results(raw, scenario, routes, meta)


def _seed_repr(seed: int | np.random.SeedSequence) -> int | list[int]:
    if isinstance(seed, np.random.SeedSequence):
        return [int(seed.entropy), *map(int, seed.spawn_key)]  # type: ignore[arg-type]
    return int(seed)
