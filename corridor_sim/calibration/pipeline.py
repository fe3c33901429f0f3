"""The whole calibration: storm fit, parameter fit on one seed root, checks on another.

The fit (and the Jacobian that gives the parameter intervals) runs on the spec's
``root_seed``; every check reported — the calibrated scenario, the out-of-sample
years, the storms — runs on ``check_seed``, seeds the fit never saw. All runs of one
calibration share one runner (this process, or one Dask cluster of the experiment
executor), so more workers shorten it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.calibration.apply import current_values, with_parameters
from corridor_sim.calibration.check import check, check_table
from corridor_sim.calibration.distribution import FittedDistribution, today
from corridor_sim.calibration.document import CalibrationReport, CheckResult
from corridor_sim.calibration.fit import FitResult, fit, relative_errors
from corridor_sim.calibration.identify import Identification, fd_steps, identify, jacobian
from corridor_sim.calibration.objective import Evaluation, Objective
from corridor_sim.calibration.observe import OnRun, Runner, observe, observe_one, runner
from corridor_sim.calibration.paths import resolve_scenario
from corridor_sim.calibration.record import closed_days_observations
from corridor_sim.calibration.spec import CalibrationSpec, Observation, Probe
from corridor_sim.calibration.storm_check import storm_engine_check
from corridor_sim.calibration.weather import WeatherFit, closed_days_by_month, fit_weather
from corridor_sim.scenario import Scenario, load_scenario

STORM_RUNS_PER_REPLICATION = 15  # one-port runs (a fraction of a second each): 300 for 20
STEP_FRACTION = 0.05


def weather_fit(scenario: Scenario, spec: CalibrationSpec) -> tuple[WeatherFit, list[float]] | None:
    """The storm fit of the spec's zone (its duration as in the scenario), and its rates there."""
    w = spec.weather
    if w is None:
        return None
    zone = scenario.weather.get(w.zone)
    if zone is None:
        raise ValueError(f"scenario '{scenario.name}' has no weather zone '{w.zone}' to fit")
    return fit_weather(w.closed_fraction, zone.duration_days, w.year), list(zone.closure_starts_per_day)


def storm_observations(spec: CalibrationSpec, fitted: WeatherFit | None) -> tuple[Observation, ...]:
    """Closed-days observations (checked) at the spec's weather node, or none."""
    if spec.weather is None or fitted is None:
        return ()
    return closed_days_observations(spec.weather.node, spec.weather.year, list(fitted.target_days))


def reported_by_model(scenario: Scenario, observations: tuple[Observation, ...],
                      seed: int) -> tuple[tuple[Observation, ...], list[str]]:
    """The observations one run of the model reports, and a note for each it does not."""
    values = observe_one(scenario, observations, seed, 0)
    kept = tuple(o for o, v in zip(observations, values) if np.isfinite(v))
    notes = [f"{o.name} (`{o.metric}` of `{o.scope}`): not reported by this model — left out"
             for o, v in zip(observations, values) if not np.isfinite(v)]
    return kept, notes


def probe_table(scenario: Scenario, spec: CalibrationSpec, probe: Probe,
                workers: int | Runner) -> pd.DataFrame:
    """Replication means of the fitted observations at each of a probe's values (same seeds)."""
    probe_spec = dataclasses.replace(spec, parameters=(probe.parameter,))
    objective = Objective(scenario, probe_spec, workers)
    rows = []
    for value in probe.values:
        ev = objective.evaluate([value])
        rows += [(value, o.name, o.unit, m) for o, m in zip(spec.observations, ev.means) if o.weight > 0]
    table: pd.DataFrame = pd.DataFrame(rows, columns=["value", "observation", "unit", "mean"])
    return table


def local_identification(scenario: Scenario, spec: CalibrationSpec, values: list[float],
                         run: Runner, on_evaluation: Callable[[Evaluation], None] | None
                         ) -> Identification:
    """Intervals at ``values`` without fitting: a Jacobian on the fit's seeds (p + 1 evaluations)."""
    objective = Objective(scenario, spec, run, on_evaluation)

    def rel(x: np.ndarray) -> np.ndarray:
        return relative_errors(objective.evaluate(x), spec)

    x = np.array(values)
    j = jacobian(rel, x, fd_steps(spec.parameters, x, STEP_FRACTION))
    return identify(spec, values, j, _fitted_columns(objective.evaluate(x).simulated, spec))


def _fitted_columns(simulated: np.ndarray, spec: CalibrationSpec) -> np.ndarray:
    keep = [j for j, o in enumerate(spec.observations) if o.weight > 0]
    return simulated[:, keep]


@dataclass
class Options:
    """How to run a calibration (see :func:`calibrate`)."""

    refit: bool = True
    identify: bool = True
    workers: int = 1
    scheduler: Any = None
    on_evaluation: Callable[[Evaluation], None] | None = None
    on_run: OnRun | None = None


def planned_runs(spec: CalibrationSpec, refit: bool, identify_: bool, max_steps: int = 12) -> int:
    """Simulations a calibration will run at most (for a progress bar's total)."""
    n, p = spec.replications, len(spec.parameters)
    fit_runs = (max_steps + (max_steps // 2 + 1) * p + p + 1) * n if refit else 0
    ident = (p + 1) * n if identify_ and not refit else 0
    probe = sum(len(q.values) for q in spec.probes) * n if refit else 0
    return 1 + fit_runs + ident + probe + n * (1 + len(spec.checks))


def calibrate(path: str | Path, spec: CalibrationSpec, refit: bool = True, workers: int = 1,
              on_evaluation: Callable[[Evaluation], None] | None = None,
              command: str = "corridor-sim calibrate --write", scheduler: Any = None,
              on_run: OnRun | None = None, identify_parameters: bool = True) -> CalibrationReport:
    """Fit (optionally) on ``spec.root_seed``, then check on ``spec.check_seed``.

    Parameters
    ----------
    path : str or Path
        The calibrated scenario file (found in the source tree if not at ``path``);
        the spec's checks are looked up beside it.
    spec : CalibrationSpec
        What to fit to what (``replications`` per evaluation and per check).
    refit : bool
        Run the parameter fit; if False the values in the file are checked.
    workers, scheduler
        Processes (a Dask cluster of the experiment executor when more than 1), or an
        existing Dask scheduler.
    on_evaluation, on_run : callable, optional
        Called after each objective evaluation and after each simulation (progress).
    command : str
        Shown in the report as the way to regenerate it.
    identify_parameters : bool
        Without a refit: still compute the intervals at the values in the file.
    """
    path = resolve_scenario(path)
    scenario = load_scenario(path)
    in_file = current_values(scenario, spec.parameters)
    storms = weather_fit(scenario, spec)
    kept, notes = reported_by_model(scenario, spec.observations, spec.root_seed)
    if on_run is not None:
        on_run()
    spec = dataclasses.replace(spec, observations=kept)
    with runner(workers, scheduler, on_run) as run:
        result: FitResult | None = None
        ident: Identification | None = None
        if refit:
            result = fit(scenario, spec, workers=run, on_evaluation=on_evaluation, start=in_file,
                         step_fraction=STEP_FRACTION)
            ident = identify(spec, list(result.values), result.jacobian,
                             _fitted_columns(result.best.simulated, spec))
        elif identify_parameters:
            ident = local_identification(scenario, spec, in_file, run, on_evaluation)
        observations = (*spec.observations, *storm_observations(spec, storms[0] if storms else None))
        checked = scenario if result is None else with_parameters(scenario, spec.parameters,
                                                                  result.values)
        sim = observe(checked, observations, spec.replications, spec.check_seed, run)
        n = len(spec.observations)
        table = check_table(sim[:, :n], spec.observations, spec.tolerance)
        closed = check_table(sim[:, n:], observations[n:], None) if len(observations) > n else None
        checks = [_other(path, c, spec, run) for c in spec.checks]
        probes = [] if result is None else [
            probe_table(with_parameters(scenario, spec.parameters, result.values), spec, q, run)
            for q in spec.probes]
    engine = None
    if storms is not None:
        w = storms[0]
        expected = list(closed_days_by_month(storms[1], w.duration, w.year))
        engine = storm_engine_check(storms[1], w.duration, w.year, expected,
                                    STORM_RUNS_PER_REPLICATION * spec.replications, spec.check_seed,
                                    workers)
    return CalibrationReport(
        spec, result, in_file, table, checks, storms[0] if storms else None,
        storms[1] if storms else [], closed, probes, command, str(path), engine, ident, notes)


def _other(path: Path, c: Any, spec: CalibrationSpec, run: Runner) -> CheckResult:
    other = resolve_scenario(Path(path).parent / c.scenario)
    s = load_scenario(other)
    kept, notes = reported_by_model(s, c.observations, spec.check_seed)
    table = check(s, kept, c.tolerance, spec.replications, spec.check_seed, run)
    return CheckResult(str(other), c.title or s.name, table, notes, c.note)


def distribution_of(report: CalibrationReport) -> FittedDistribution | None:
    """The fitted distribution a report implies (None without intervals)."""
    ident = report.identification
    if ident is None:
        return None
    return FittedDistribution(report.spec.parameters, ident.estimate, ident.cov,
                              Path(report.scenario).name, ident.method, today())
