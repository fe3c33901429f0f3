"""docs/calibration.md: the record, what was fitted to what, the checks, the storms, the limits."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridor_sim.calibration import markdown as md
from corridor_sim.calibration.fit import FitResult
from corridor_sim.calibration.prose import (
    INTRO,
    LIMITS,
    METHOD,
    NOT_MODELLED,
    READING,
    SERIES,
    STORMS,
    WHY_2022,
)
from corridor_sim.calibration.record import TITR_SERIES
from corridor_sim.calibration.spec import CalibrationSpec, Parameter
from corridor_sim.calibration.weather import WeatherFit


@dataclass
class CalibrationReport:
    """Everything docs/calibration.md shows.

    Attributes
    ----------
    spec : CalibrationSpec
        Parameters and observations of the 2024 fit.
    fit : FitResult or None
        The fit, if it was run now (otherwise only the values in the file are shown).
    in_file : list of float
        Each parameter's value in the shipped scenario.
    check_2024, check_2022 : DataFrame
        :func:`corridor_sim.calibration.check.check` tables (2022 may be None).
    weather : WeatherFit
        The storm fit of caspian_kz.
    weather_in_file : list of float
        caspian_kz rates in the network file.
    closed_days : DataFrame or None
        Simulated closed days of the weather node per month and year (check rows).
    sensitivity : DataFrame or None
        ``value, observation, unit, mean`` at other values of the spec's probe parameter.
    storm_engine : DataFrame or None
        Closed days of a one-port network under the fitted storms (many replications).
    command : str
        The command line that produced the report.
    scenario, check_scenario : str
        The calibrated scenario and the scenario checked without refitting, as named.
    """

    spec: CalibrationSpec
    fit: FitResult | None
    in_file: list[float]
    check_2024: pd.DataFrame
    check_2022: pd.DataFrame | None
    weather: WeatherFit | None
    weather_in_file: list[float]
    closed_days: pd.DataFrame | None = None
    sensitivity: pd.DataFrame | None = None
    command: str = "corridor-sim calibrate --write"
    scenario: str = "scenarios/baseline_2024.yaml"
    check_scenario: str = "scenarios/baseline_2022.yaml"
    storm_engine: pd.DataFrame | None = None


def _fit_section(r: CalibrationReport) -> list[str]:
    out = ["## What is fitted to what", "", METHOD.format(n=r.spec.replications, seed=r.spec.root_seed), "",
           md.parameter_table(r.spec, r.fit, r.in_file), ""]
    obs = [(o.name, f"`{o.scope}`", md.amount(o.reported, o.unit), f"{o.start} – {o.end}",
            f"{o.weight:g}" if o.weight else "0 (check)", o.source) for o in r.spec.observations]
    out += ["Observations (the range ends the day before `end`):", "",
            md.markdown(["observation", "scope", "reported", "start – end", "weight", "source"], obs),
            ""]
    if r.fit is not None:
        out += [f"The fit took {r.fit.evaluations} evaluations ({r.fit.evaluations * r.spec.replications} "
                f"runs); objective {r.fit.best.objective:.2e} (mean squared relative error, "
                f"RMS {np.sqrt(r.fit.best.objective):.1%}); optimiser: {r.fit.message} For "
                f"comparison, the standard error of a {r.spec.replications}-replication mean at "
                f"the fitted values is {_noise(r.fit, r.spec)} of the reported value "
                "(by observation): a remaining error of that size is within the sampling error "
                "of the simulated means.", "",
                READING, "",
                "<details><summary>Every evaluation</summary>", "", md.history_markdown(r.fit), "",
                "</details>", ""]
    if r.sensitivity is not None and r.spec.probe is not None:
        out += _sensitivity(r.sensitivity, r.spec.probe, r.spec.replications)
    return out


def _sensitivity(sens: pd.DataFrame, probe: Parameter, replications: int) -> list[str]:
    wide = sens.pivot(index="value", columns="observation", values="mean")
    cols = list(dict.fromkeys(sens["observation"]))
    unit = dict(zip(sens["observation"], sens["unit"]))
    rows = [(f"{a:g}", *(md.amount(wide.loc[a, c], unit[c]) for c in cols)) for a in wide.index]
    paths = ", ".join(f"`{p}`" for p in probe.paths)
    return [f"Not fitted: `{probe.name}` ({probe.note}). At the fitted values, the same "
            f"{replications} seeds give, when only {paths} change:", "",
            md.markdown([probe.name, *cols], rows), "",
            "Where a parameter changes nothing (the fleets do not bind) or what it changes "
            "another parameter can make up (fewer fleet days, more cargo offered), the record "
            "cannot fit it: it stays at its stated value.", ""]


def _noise(fit: FitResult, spec: CalibrationSpec) -> str:
    sim = fit.best.simulated
    se = sim.std(axis=0, ddof=1) / np.sqrt(len(sim)) if len(sim) > 1 else np.full(sim.shape[1], np.nan)
    rel = [s / o.reported for s, o in zip(se, spec.observations) if o.weight > 0]
    return f"{min(rel):.1%} to {max(rel):.1%}"


def render(r: CalibrationReport) -> str:
    """The whole markdown document."""
    out = [INTRO.format(command=r.command), "", "## The record", "", SERIES, "",
           md.series_table(TITR_SERIES), ""]
    out += _fit_section(r)
    out += [f"## Simulated vs reported: `{r.scenario}` ({r.spec.replications} replications)", "",
            md.check_markdown(r.check_2024), ""]
    if r.check_2022 is not None:
        out += [f"## Simulated vs reported: `{r.check_scenario}`, not refitted", "",
                WHY_2022, "", md.check_markdown(r.check_2022), ""]
    if r.weather is not None:
        out += ["## Caspian storms (weather zone `caspian_kz`)", "", STORMS, "",
                md.weather_markdown(r.weather, r.weather_in_file, r.closed_days, r.storm_engine),
                ""]
    out += [NOT_MODELLED, "", LIMITS, ""]
    return "\n".join(out)
