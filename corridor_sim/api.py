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

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from corridor_sim.calibration import (
        CalibrationReport,
        CalibrationSpec,
        Evaluation,
        FittedDistribution,
    )
    from corridor_sim.network import Route
    from corridor_sim.results import Results
    from corridor_sim.results.formats import OnTable, TableFormat
    from corridor_sim.scenario import Scenario

Overrides = Sequence[str] | Mapping[str, Any] | None
"""``--set`` overrides: "dotted.path=value" strings, or a mapping of path to value."""

__all__ = ["Validated", "calibrate", "find_scenario", "load", "load_distribution", "load_scenario",
           "package_version", "report", "scenario_schema", "simulate", "validate",
           "write_calibration", "write_document", "write_results"]


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
    return build_results(raw, scenario, routes, meta, consume=True)


def _seed_repr(seed: int | np.random.SeedSequence) -> int | list[int]:
    import numpy as np

    if isinstance(seed, np.random.SeedSequence):
        return [int(seed.entropy), *map(int, seed.spawn_key)]  # type: ignore[arg-type]
    return int(seed)


def write_results(results: Results, out: str | Path, force: bool = False,
                  fmt: TableFormat = "parquet", plots: bool = False, geojson: bool = False,
                  on_table: OnTable | None = None) -> Path:
    """Write a run's tables, summary and resolved scenario to directory ``out`` atomically.

    Parameters
    ----------
    results : Results
        From :func:`simulate`.
    out : str or Path
        The output directory; an existing one is replaced only with ``force``
        (:class:`corridor_sim.OutputExistsError` otherwise).
    fmt : {"parquet", "csv", "both"}
        The big tables (lots, legs, trips, daily) as Parquet, CSV or both; the small
        ones (KPIs, targets, conservation) are always CSV.
    plots, geojson : bool
        Add the standard figures (``figures/``) and ``network.geojson``.
    on_table : callable, optional
        Called as ``on_table(name, index, count)`` before each table is written.
    """
    from corridor_sim.results.export import write_results as _write

    extra = None
    if plots or geojson:  # matplotlib is imported only when figures are asked for
        from corridor_sim.plots.outputs import run_extras

        extra = run_extras(results, plots=plots, geojson=geojson)
    return _write(results, Path(out), force=force, fmt=fmt, extra=extra, on_table=on_table)


def calibrate(path: str | Path, spec: CalibrationSpec | None = None, refit: bool = True,
              workers: int = 1, on_evaluation: Callable[[Evaluation], None] | None = None,
              command: str = "corridor-sim calibrate --write", scheduler: Any = None,
              on_run: Callable[[], None] | None = None, identify_parameters: bool = True,
              progress: Callable[[int, int], None] | None = None) -> CalibrationReport:
    """Fit the spec's parameters to the record (optionally) and check them with 95 % CIs.

    The fit runs on ``spec.root_seed``, every check on ``spec.check_seed``; ``path`` is
    found in the package's source tree when it does not exist here (:func:`find_scenario`).
    ``spec`` defaults to the built-in 2024 spec (:data:`corridor_sim.SPEC_2024`);
    ``progress`` is called with ``(done, total)`` simulations (at most ``total``), before
    the first and after each (the command line draws its bar from it). See
    :func:`corridor_sim.calibration.calibrate`.
    """
    from corridor_sim.calibration import SPEC_2024, planned_runs
    from corridor_sim.calibration import calibrate as _calibrate
    from corridor_sim.experiments.progress import counter

    spec = SPEC_2024 if spec is None else spec
    advance = counter(planned_runs(spec, refit, identify_parameters), 0, progress)

    def tick() -> None:
        advance()
        if on_run is not None:
            on_run()

    return _calibrate(path, spec, refit=refit, workers=workers, on_evaluation=on_evaluation,
                      command=command, scheduler=scheduler, on_run=tick,
                      identify_parameters=identify_parameters)


def find_scenario(path: str | Path) -> Path:
    """``path`` if it exists, else the same scenario in the package's source tree."""
    from corridor_sim.calibration.paths import resolve_scenario

    return resolve_scenario(path)


def write_calibration(report: CalibrationReport, out: str | Path | None = None,
                      distribution: bool | str | Path = False) -> tuple[Path, Path | None]:
    """Write the calibration document (Markdown, stamped) atomically.

    ``out`` defaults to docs/calibration.md of the source tree. With ``distribution``
    the parameters' fitted distribution is written first: to the package data
    (``corridor_sim/data/calibration_fit.yaml``, which ``experiment
    --parameter-uncertainty`` reads) for the default document, else beside it, or to
    the path given. Returns the document's path and the distribution's (or None).
    """
    from corridor_sim.calibration import distribution_of, render, save_distribution
    from corridor_sim.calibration.distribution import FIT_FILE
    from corridor_sim.calibration.paths import SOURCE_ROOT, default_doc
    from corridor_sim.io.atomic import atomic_write_text
    from corridor_sim.stamp import stamp

    path = default_doc() if out is None else Path(out)
    fit_file: Path | None = None
    if distribution is True:
        fit_file = FIT_FILE if path.resolve() == default_doc().resolve() else path.parent / FIT_FILE.name
    elif distribution is not False:
        fit_file = Path(distribution)
    dist = distribution_of(report) if fit_file is not None else None
    if dist is not None and fit_file is not None:
        save_distribution(dist, fit_file)
    inputs = [p.resolve() for p in report.inputs()]
    root = SOURCE_ROOT if all(p.is_relative_to(SOURCE_ROOT) for p in inputs) else \
        Path(os.path.commonpath([str(p.parent) for p in inputs]))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, render(report, stamp(inputs, root)))
    return path, fit_file if dist is not None else None


def load_distribution(path: str | Path | None = None) -> FittedDistribution:
    """The calibrated parameters' fitted distribution (package data, or ``path``).

    Pass it as ``parameter_uncertainty=`` to :func:`corridor_sim.run_experiment`.
    """
    from corridor_sim.calibration import load_distribution as _load

    return _load() if path is None else _load(path)


def write_document(text: str, out: str | Path) -> Path:
    """Write a generated document (e.g. Markdown) to ``out`` atomically; return the path."""
    from corridor_sim.io.atomic import atomic_write_text

    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)


def report(scenarios: Sequence[Scenario | str | Path], out: str | Path, replications: int = 1,
           seed: int | None = None, overrides: Overrides = None, force: bool = False,
           on_run: Callable[[], None] | None = None,
           route_choice: Mapping[str, Any] | None = None,
           on_message: Callable[[str], None] | None = None) -> Path:
    """Simulate the scenarios and write one self-contained HTML page to ``out``.

    An existing ``out`` is replaced only with ``force``
    (:class:`corridor_sim.OutputExistsError` otherwise). See
    :func:`corridor_sim.htmlpage.build_report` for the arguments.
    """
    from corridor_sim.htmlpage import write_report
    from corridor_sim.io.atomic import OutputExistsError

    if Path(out).exists() and not force:  # refused before simulating
        raise OutputExistsError(f"{out} exists; use --force to replace it or choose another --out")
    return write_report(scenarios, out, replications=replications, seed=seed, overrides=overrides,
                        on_run=on_run, route_choice=route_choice, on_message=on_message)
