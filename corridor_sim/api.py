"""The public API: the verbs that the command line and notebooks use.

Re-exported by :mod:`corridor_sim` (``from corridor_sim import load, simulate``), with
the experiment, capacity and calibration verbs that live in their own packages::

    load, validate, simulate, write_results,      # here
    run_experiment, sweep, compare,               # corridor_sim.experiments
    capacity_bounds, plan_expansions,             # corridor_sim.capacity
    calibrate, write_calibration, report          # here, over their packages

Heavy packages are imported inside the functions, so ``import corridor_sim.api`` is
quick (the command line's ``--help`` stays fast).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from corridor_sim.calibration import CalibrationReport, CalibrationSpec, Evaluation
    from corridor_sim.network import Route
    from corridor_sim.results import Results
    from corridor_sim.scenario import Scenario

Overrides = Sequence[str] | Mapping[str, Any] | None
"""``--set`` overrides: "dotted.path=value" strings, or a mapping of path to value."""

__all__ = ["Validated", "calibrate", "load", "load_scenario", "package_version", "report",
           "scenario_schema", "simulate", "validate", "write_calibration", "write_results"]


def package_version() -> str:
    """The installed corridor-sim version."""
    try:
        return version("corridor-sim")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def load(path: str | Path, overrides: Overrides = None) -> Scenario:
    """Read, merge (``extends``), override and validate a scenario file.

    Raises :class:`corridor_sim.ScenarioError` naming the file, each bad field path
    and a suggestion.
    """
    from corridor_sim.scenario.loader import load_scenario as _load

    return _load(path, overrides)


load_scenario = load
"""The former name of :func:`load`."""


@dataclass(frozen=True)
class Validated:
    """A scenario that loads, validates and routes: the scenario and its routes per flow."""

    scenario: Scenario
    routes: dict[str, tuple[Route, ...]]

    @property
    def n_routes(self) -> int:
        """Routes over all flows."""
        return sum(len(r) for r in self.routes.values())


def validate(path: str | Path, overrides: Overrides = None) -> Validated:
    """Load a scenario and resolve its routes without simulating (ScenarioError if bad)."""
    from corridor_sim.network import resolve_routes

    scenario = load(path, overrides)
    return Validated(scenario, resolve_routes(scenario))


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of scenario files as written: complete, or overlays with ``extends``."""
    from corridor_sim.scenario.json_schema import scenario_file_schema

    return scenario_file_schema()


def simulate(scenario: Scenario, seed: int | np.random.SeedSequence | None = None,
             on_progress: Callable[[float, float], None] | None = None) -> Results:
    """Simulate one replication of ``scenario``.

    Parameters
    ----------
    scenario : Scenario
        From :func:`load`.
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
    from corridor_sim.engine import run_model
    from corridor_sim.network import resolve_routes
    from corridor_sim.results import build_results
    from corridor_sim.scenario.loader import scenario_hash

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
    import numpy as np

    if isinstance(seed, np.random.SeedSequence):
        return [int(seed.entropy), *map(int, seed.spawn_key)]  # type: ignore[arg-type]
    return int(seed)


def write_results(results: Results, out: str | Path, force: bool = False, parquet: bool = False,
                  plots: bool = False, geojson: bool = False) -> Path:
    """Write a run's tables, summary and resolved scenario to directory ``out`` atomically.

    Parameters
    ----------
    results : Results
        From :func:`simulate`.
    out : str or Path
        The output directory; an existing one is replaced only with ``force``
        (:class:`corridor_sim.OutputExistsError` otherwise).
    parquet : bool
        Write Parquet beside the CSV files.
    plots, geojson : bool
        Add the standard figures (``figures/``) and ``network.geojson``.
    """
    from corridor_sim.plots.outputs import run_extras
    from corridor_sim.results.export import write_results as _write

    return _write(results, Path(out), force=force, parquet=parquet,
                  extra=run_extras(results, plots=plots, geojson=geojson))


def calibrate(path: str | Path, spec: CalibrationSpec | None = None, refit: bool = True,
              workers: int = 1, on_evaluation: Callable[[Evaluation], None] | None = None,
              command: str = "corridor-sim calibrate --write") -> CalibrationReport:
    """Fit the spec's parameters to the record (optionally) and check them with 95 % CIs.

    ``spec`` defaults to the built-in 2024 spec (:data:`corridor_sim.SPEC_2024`); see
    :func:`corridor_sim.calibration.calibrate`.
    """
    from corridor_sim.calibration import SPEC_2024
    from corridor_sim.calibration import calibrate as _calibrate

    return _calibrate(path, SPEC_2024 if spec is None else spec, refit=refit, workers=workers,
                      on_evaluation=on_evaluation, command=command)


def write_calibration(report: CalibrationReport, out: str | Path) -> Path:
    """Write the calibration document (Markdown) to ``out`` atomically; return the path."""
    from corridor_sim.calibration import render
    from corridor_sim.experiments.store import atomic_write

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, render(report))
    return path


def report(scenarios: Sequence[Scenario | str | Path], out: str | Path, replications: int = 1,
           seed: int | None = None, overrides: Overrides = None, force: bool = False,
           on_run: Callable[[], None] | None = None) -> Path:
    """Simulate the scenarios and write one self-contained HTML page to ``out``.

    An existing ``out`` is replaced only with ``force``
    (:class:`corridor_sim.OutputExistsError` otherwise). See
    :func:`corridor_sim.htmlpage.build_report` for the arguments.
    """
    from corridor_sim.htmlpage import write_report
    from corridor_sim.results.export import OutputExistsError

    if Path(out).exists() and not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it or choose another --out")
    return write_report(scenarios, out, replications=replications, seed=seed, overrides=overrides,
                        on_run=on_run)
