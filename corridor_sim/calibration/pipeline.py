"""The whole calibration: storm fit, parameter fit, checks, sensitivity → a CalibrationReport."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from corridor_sim.calibration.apply import current_values, with_parameters
from corridor_sim.calibration.check import check, check_table
from corridor_sim.calibration.document import CalibrationReport
from corridor_sim.calibration.fit import FitResult, fit
from corridor_sim.calibration.objective import Evaluation, Objective
from corridor_sim.calibration.observe import observe
from corridor_sim.calibration.record import closed_days_observations
from corridor_sim.calibration.spec import CalibrationSpec, Observation
from corridor_sim.calibration.storm_check import storm_engine_check
from corridor_sim.calibration.weather import WeatherFit, closed_days_by_month, fit_weather
from corridor_sim.scenario import Scenario, load_scenario

STORM_RUNS_PER_REPLICATION = 15  # one-port runs (a fraction of a second each): 300 for 20


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


def probe_table(scenario: Scenario, spec: CalibrationSpec, workers: int) -> pd.DataFrame | None:
    """Replication means of the fitted observations at each probe value (same seeds)."""
    if spec.probe is None or not spec.probe_values:
        return None
    probe_spec = dataclasses.replace(spec, parameters=(spec.probe,))
    objective = Objective(scenario, probe_spec, workers)
    rows = []
    for value in spec.probe_values:
        ev = objective.evaluate([value])
        rows += [(value, o.name, o.unit, m) for o, m in zip(spec.observations, ev.means) if o.weight > 0]
    result: pd.DataFrame | None = pd.DataFrame(rows, columns=["value", "observation", "unit", "mean"])
    return result


def calibrate(path: str | Path, spec: CalibrationSpec, refit: bool = True, workers: int = 1,
              on_evaluation: Callable[[Evaluation], None] | None = None,
              command: str = "corridor-sim calibrate --write") -> CalibrationReport:
    """Fit (optionally), then check the scenario as shipped and the spec's other scenarios.

    Parameters
    ----------
    path : str or Path
        The calibrated scenario file (checks are looked up beside it).
    spec : CalibrationSpec
        What to fit to what (``replications`` per evaluation and per check).
    refit : bool
        Run the parameter fit; if False only the values in the file are checked.
    workers : int
        Processes per evaluation.
    on_evaluation : callable, optional
        Progress callback of the fit.
    command : str
        Shown in the report as the way to regenerate it.
    """
    scenario = load_scenario(path)
    in_file = current_values(scenario, spec.parameters)
    storms = weather_fit(scenario, spec)
    result: FitResult | None = None
    if refit:
        result = fit(scenario, spec, workers=workers, on_evaluation=on_evaluation)
    observations = (*spec.observations, *storm_observations(spec, storms[0] if storms else None))
    sim = observe(scenario, observations, spec.replications, spec.root_seed, workers)
    n = len(spec.observations)
    table = check_table(sim[:, :n], spec.observations, spec.tolerance)
    closed = check_table(sim[:, n:], observations[n:], None) if len(observations) > n else None
    checks = [check(load_scenario(Path(path).parent / c.scenario), c.observations, c.tolerance,
                    spec.replications, spec.root_seed, workers) for c in spec.checks]
    probe = probe_table(with_parameters(scenario, spec.parameters, result.values), spec, workers) \
        if result is not None else None
    engine = None
    if storms is not None:
        w = storms[0]
        expected = list(closed_days_by_month(storms[1], w.duration, w.year))
        engine = storm_engine_check(storms[1], w.duration, w.year, expected,
                                    STORM_RUNS_PER_REPLICATION * spec.replications, spec.root_seed,
                                    workers)
    return CalibrationReport(
        spec, result, in_file, table, checks[0] if checks else None,
        storms[0] if storms else None, storms[1] if storms else [], closed, probe, command,
        str(path), str(Path(path).parent / spec.checks[0].scenario) if spec.checks else "", engine)

