"""Markdown tables of the calibration: series, parameters, checks, storms."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.calibration.fit import FitResult
from corridor_sim.calibration.spec import CalibrationSpec
from corridor_sim.calibration.weather import WeatherFit
from corridor_sim.results.naming import MONTHS
from corridor_sim.results.naming import amount as amount  # re-exported (document.py)


def markdown(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def series_table(series: dict[int, tuple[float, float | None]]) -> str:
    """The TITR record by year."""
    rows = [(year, f"{mt:.3f}", f"{teu:,.0f}" if teu else "–") for year, (mt, teu) in series.items()]
    return markdown(["year", "Mt", "TEU"], rows)


def parameter_table(spec: CalibrationSpec, fit: FitResult | None, in_file: Sequence[float]) -> str:
    """Parameters: what they set, bounds, start, fitted value and the value in the file."""
    rows = []
    for i, p in enumerate(spec.parameters):
        fitted = f"**{fit.values[i]:.4g}**" if fit is not None else "(not re-fitted)"
        paths = "<br>".join(f"`{path}`" for path in p.paths[:3]) + (
            f"<br>… ({len(p.paths)} paths)" if len(p.paths) > 3 else "")
        rows.append((f"`{p.name}`", p.note, paths, f"[{p.bounds[0]:g}, {p.bounds[1]:g}]",
                     f"{p.start:g}", fitted, f"{in_file[i]:.4g}"))
    return markdown(["parameter", "meaning", "sets", "bounds", "start", "fitted", "in the file"],
                    rows)


def check_markdown(table: pd.DataFrame) -> str:
    """Simulated vs reported with the 95 % interval of the mean and of the error."""
    rows = []
    for r in table.to_dict("records"):
        unit = str(r["unit"])
        inside = r["ci_low"] <= r["reported"] <= r["ci_high"]
        rows.append((r["observation"], f"`{r['scope']}`", f"`{r['metric']}`",
                     amount(r["reported"], unit), amount(r["mean"], unit),
                     f"{amount(r['ci_low'], unit)} – {amount(r['ci_high'], unit)}",
                     f"{r['rel_error']:+.1%} [{r['err_low']:+.1%}, {r['err_high']:+.1%}]",
                     "yes" if inside else "no",
                     "in the CI" if np.isnan(r["tolerance"]) else f"±{r['tolerance']:.0%}",
                     "yes" if r["within"] else "**no**", "fitted" if r["fitted"] else "check"))
    return markdown(["observation", "scope", "observable", "reported", "simulated mean", "95 % CI",
                     "error [95 % CI]", "record in CI", "tolerance", "within", "role"], rows)


def _with_ci(row: Mapping[Hashable, Any], digits: int) -> list[object]:
    return [f"{row['mean']:.{digits}f} ({row['ci_low']:.{digits}f} – {row['ci_high']:.{digits}f})",
            "yes" if row["within"] else "no"]


def weather_markdown(w: WeatherFit, in_file: Sequence[float], simulated: pd.DataFrame | None = None,
                     engine: pd.DataFrame | None = None) -> str:
    """Month by month: target, long-month rates and their days, fitted rates and their days,
    and (optionally) simulated days: in the corridor runs, and on a one-port network."""
    extra = [t.to_dict("records") for t in (simulated, engine) if t is not None]
    rows = []
    for m in range(12):
        row: list[object] = [MONTHS[m], f"{w.target_days[m]:.2f}", f"{w.steady_rates[m]:.4g}",
                             f"{w.steady_days[m]:.2f}", f"{w.rates[m]:.3g}", f"{w.fitted_days[m]:.2f}",
                             f"{in_file[m]:.3g}"]
        for records in extra:
            row += _with_ci(records[m], 2)
        rows.append(row)
    total: list[object] = ["year", f"{w.target_days.sum():.1f}", "", f"{w.steady_days.sum():.1f}", "",
                           f"{w.fitted_days.sum():.1f}", ""]
    for records in extra:
        total += _with_ci(records[12], 1)
    rows.append(total)
    header = ["month", "target days", "r0 = f/(d(1−f))", "days at r0", "fitted r", "days at fitted r",
              "r in network.yaml"]
    labels = [label for label, t in (("corridor runs", simulated), ("one-port runs", engine))
              if t is not None]
    for label in labels:
        header += [f"{label}: days (95 % CI)", "expected in the CI"]
    return markdown(header, rows)


def history_markdown(fit: FitResult) -> str:
    """Every evaluation: parameter values and objective."""
    names = [p.name for p in fit.spec.parameters]
    rows = [(i + 1, *(f"{v:.4f}" for v in ev.values), f"{ev.objective:.3e}")
            for i, ev in enumerate(fit.history)]
    return markdown(["#", *names, "objective"], rows)
