"""docs/calibration.md: the record, what was fitted to what, the checks, the storms, the limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from corridor_sim.calibration import markdown as md
from corridor_sim.calibration.fit import FitResult
from corridor_sim.calibration.identify import Identification
from corridor_sim.calibration.prose import (
    INTRO,
    LIMITS,
    METHOD,
    NOT_MODELLED,
    READING,
    SEEDS,
    SERIES,
    STORMS,
)
from corridor_sim.calibration.record import TITR_SERIES
from corridor_sim.calibration.spec import CalibrationSpec, Parameter, Probe
from corridor_sim.calibration.weather import WeatherFit


@dataclass
class CheckResult:
    """A scenario checked without refitting: its table, and why some observations are out."""

    scenario: str
    title: str
    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class CalibrationReport:
    """Everything docs/calibration.md shows.

    Attributes
    ----------
    spec : CalibrationSpec
        Parameters and observations of the fit (those the model reports).
    fit : FitResult or None
        The fit, if it was run now (otherwise only the values in the file are shown).
    in_file : list of float
        Each parameter's value in the shipped scenario.
    check_main : DataFrame
        The calibrated scenario on the check seeds (:func:`check_table`).
    checks : list of CheckResult
        Other scenarios (other years) on the check seeds, not refitted.
    weather : WeatherFit
        The storm fit of caspian_kz.
    weather_in_file : list of float
        caspian_kz rates in the network file.
    closed_days : DataFrame or None
        Simulated closed days of the weather node per month and year (check rows).
    sensitivity : list of DataFrame
        Per probe of the spec: ``value, observation, unit, mean`` at its values.
    command : str
        The command line that produced the report.
    scenario : str
        The calibrated scenario file.
    storm_engine : DataFrame or None
        Closed days of a one-port network under the fitted storms (many replications).
    identification : Identification or None
        Estimate, intervals and identifiability of the parameters.
    notes : list of str
        Observations of the spec the model does not report (left out).
    """

    spec: CalibrationSpec
    fit: FitResult | None
    in_file: list[float]
    check_main: pd.DataFrame
    checks: list[CheckResult]
    weather: WeatherFit | None
    weather_in_file: list[float]
    closed_days: pd.DataFrame | None = None
    sensitivity: list[pd.DataFrame] = field(default_factory=list)
    command: str = "corridor-sim calibrate --write"
    scenario: str = "scenarios/baseline_2024.yaml"
    storm_engine: pd.DataFrame | None = None
    identification: Identification | None = None
    notes: list[str] = field(default_factory=list)

    def inputs(self) -> list[Path]:
        """The scenario files the report was made from (for its stamp)."""
        return [Path(self.scenario), *(Path(c.scenario) for c in self.checks)]


def _fit_section(r: CalibrationReport) -> list[str]:
    out = ["## What is fitted to what", "", METHOD.format(n=r.spec.replications, seed=r.spec.root_seed), "",
           md.parameter_table(r.spec, r.fit, r.in_file), ""]
    if r.notes:
        out += ["Left out (the model does not report them yet; they enter by name once it does):", "",
                *(f"- {n}" for n in r.notes), ""]
    obs = [(o.name, f"`{o.scope}`", md.amount(o.reported, o.unit), f"{o.start} – {o.end}",
            f"{o.weight:g}" if o.weight else "0 (check)", o.source) for o in r.spec.observations]
    out += ["Observations (the range ends the day before `end`):", "",
            md.markdown(["observation", "scope", "reported", "start – end", "weight", "source"], obs),
            ""]
    if r.fit is not None:
        plural = "" if r.fit.evaluations == 1 else "s"
        out += [f"The fit took {r.fit.evaluations} evaluation{plural} "
                f"({r.fit.evaluations * r.spec.replications} "
                f"runs); objective {r.fit.best.objective:.2e} (mean squared relative error, "
                f"RMS {np.sqrt(r.fit.best.objective):.1%}); optimiser: {_sentence(r.fit.message)} For "
                f"comparison, the standard error of a {r.spec.replications}-replication mean at "
                f"the fitted values is {_noise(r.fit, r.spec)} of the reported value "
                "(by observation): a remaining error of that size is within the sampling error "
                "of the simulated means.", "",
                READING, "",
                "<details><summary>Every evaluation</summary>", "", md.history_markdown(r.fit), "",
                "</details>", ""]
    for sens, probe in zip(r.sensitivity, r.spec.probes):
        out += _sensitivity(sens, probe, r.spec.replications)
    if r.sensitivity:
        out += ["Where a parameter changes nothing (the fleets do not bind) or what it changes "
                "another parameter can make up (fewer fleet days, more cargo offered), the record "
                "cannot fit it: it stays at its stated value.", ""]
    return out


def _sensitivity(sens: pd.DataFrame, probe: Probe, replications: int) -> list[str]:
    wide = sens.pivot(index="value", columns="observation", values="mean")
    cols = list(dict.fromkeys(sens["observation"]))
    unit = dict(zip(sens["observation"], sens["unit"]))
    rows = [(f"{a:g}", *(md.amount(wide.loc[a, c], unit[c]) for c in cols)) for a in wide.index]
    par = probe.parameter
    paths = ", ".join(f"`{p}`" for p in par.paths)
    why = f" Held: {_sentence(probe.reason)}" if probe.reason else ""
    verb = "changes" if len(par.paths) == 1 else "change"
    return [f"Not fitted: `{par.name}` ({par.note}).{why} At the fitted values, the same "
            f"{replications} seeds give, when only {paths} {verb}:", "",
            md.markdown([par.name, *cols], rows), ""]


def _sentence(text: str) -> str:
    """``text`` ending with a full stop (a message or reason written without one)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _noise(fit: FitResult, spec: CalibrationSpec) -> str:
    sim = fit.best.simulated
    se = sim.std(axis=0, ddof=1) / np.sqrt(len(sim)) if len(sim) > 1 else np.full(sim.shape[1], np.nan)
    rel = [s / o.reported for s, o in zip(se, spec.observations) if o.weight > 0]
    return f"{min(rel):.1%} to {max(rel):.1%}"


def render(r: CalibrationReport, stamp_line: str = "") -> str:
    """The whole markdown document (``stamp_line``: :func:`corridor_sim.stamp.stamp` of its inputs)."""
    out = [INTRO.format(command=r.command), ""]
    if stamp_line:
        out += [stamp_line, ""]
    out += [SEEDS.format(fit=r.spec.root_seed, check=r.spec.check_seed, n=r.spec.replications), "",
            "## The record", "", SERIES, "", md.series_table(TITR_SERIES), ""]
    out += _fit_section(r)
    if r.identification is not None:
        out += identification_section(r.identification, r.spec.parameters, r.fit is not None)
    else:
        out += ["## What the data pins down", "",
                "Not computed in this run (`--no-identify`): the intervals need a Jacobian, "
                f"{len(r.spec.parameters) + 1} evaluations of {r.spec.replications} runs on the "
                "fit's seeds. `corridor-sim calibrate` (a fit) or `--no-fit` without "
                "`--no-identify` computes them and writes the fitted distribution.", ""]
    at = "the fitted values" if r.fit is not None else "the values in the file"
    out += [f"## Independent check: `{Path(r.scenario).name}` at {at} ({r.spec.replications} "
            f"replications, root seed {r.spec.check_seed})", "", md.check_markdown(r.check_main), ""]
    for c in r.checks:
        out += [f"## Out of sample: `{Path(c.scenario).name}` ({c.title}), not refitted, root seed "
                f"{r.spec.check_seed}", ""]
        if c.note:
            out += [c.note, ""]
        out += [md.check_markdown(c.table), ""]
        if c.notes:
            out += [*(f"- {n}" for n in c.notes), ""]
    if r.weather is not None:
        out += ["## Caspian storms (weather zone `caspian_kz`)", "", STORMS, "",
                md.weather_markdown(r.weather, r.weather_in_file, r.closed_days, r.storm_engine),
                ""]
    out += [NOT_MODELLED, "", LIMITS, ""]
    return "\n".join(out)


def identification_section(ident: Identification, parameters: tuple[Parameter, ...],
                           fitted: bool) -> list[str]:
    """Estimate, interval and identifiability of each parameter, and the weakest direction."""
    rows = []
    for i, p in enumerate(parameters):
        rows.append((f"`{p.name}`", f"{ident.estimate[i]:.4g}", f"{ident.sd[i]:.3g}",
                     f"[{ident.ci_low[i]:.4g}, {ident.ci_high[i]:.4g}]",
                     f"[{p.bounds[0]:g}, {p.bounds[1]:g}]",
                     "yes" if ident.identified[i] else "**no**"))
    where = "the fitted values" if fitted else "the values in the file (not re-fitted)"
    s = ", ".join(f"{v:.3g}" for v in ident.singular)
    weak = ", ".join(f"`{n}` {v:+.2f}" for n, v in zip(ident.names, ident.weakest))
    confound = ident.trade_off()
    return [
        "## What the data pins down", "",
        f"Method: {ident.method}; at {where}. χ² = {ident.chi2:.3g} on {ident.dof} degrees of "
        "freedom (fitted observations − parameters). \"identified\": the 95 % interval is "
        "narrower than the search range.", "",
        md.markdown(["parameter", "estimate", "sd", "95 % interval", "search range", "identified"],
                        rows), "",
        f"Singular values of the noise-whitened Jacobian, each column scaled by its search range: "
        f"{s} (condition number {ident.condition:.3g}; {ident.rank} of {len(parameters)} "
        "directions move the observables by more than one noise SD across the range). Weakest "
        f"direction: {weak}" + (f" — the observations cannot tell {', '.join(f'`{c}`' for c in confound)} "
                                "apart along it." if len(confound) > 1 else "."), "",
        "`corridor-sim experiment --parameter-uncertainty` draws each replication's parameters "
        "from this distribution (normal, truncated to the search ranges; package data "
        "`corridor_sim/data/calibration_fit.yaml`), so P(target) includes the parameter "
        "uncertainty as well as the replication noise.", ""]
