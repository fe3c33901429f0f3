"""Plain-text summaries of a calibration, for the terminal (the CLI prints them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from corridor_sim import MONTHS
from corridor_sim import format_amount as amount

if TYPE_CHECKING:
    import pandas as pd

    from corridor_sim import CalibrationReport, Evaluation, WeatherFit


def evaluation_line(index: int, ev: Evaluation) -> str:
    """One line per objective evaluation: its number, values and objective."""
    values = ", ".join(f"{v:.4f}" for v in ev.values)
    return f"evaluation {index:3d}: [{values}]  objective {ev.objective:.3e}"


def check_text(title: str, table: pd.DataFrame) -> str:
    """A check table as aligned text."""
    lines = [title]
    for r in table.to_dict("records"):
        unit = str(r["unit"])
        ci = f"[{amount(r['ci_low'], unit)}, {amount(r['ci_high'], unit)}]"
        flag = "ok" if r["within"] else "OUT"
        lines.append(f"  {r['observation']:36s} reported {amount(r['reported'], unit):>14s}  simulated "
                     f"{amount(r['mean'], unit):>14s} {ci:32s} {r['rel_error']:+7.1%}  {flag}")
    return "\n".join(lines)


def weather_text(fit: WeatherFit, in_file: Sequence[float]) -> str:
    """Fitted storm rates month by month, and the line for the network file."""
    lines = [f"storm rates fitted for {fit.year} (closure {fit.duration.kind} "
             f"{list(fit.duration.params)} days, mean {fit.duration.mean:g}):",
             "  month  target_days  fitted_r   days_at_fitted  r_in_file"]
    for m in range(12):
        lines.append(f"  {MONTHS[m]:5s}  {fit.target_days[m]:11.2f}  {fit.rates[m]:8.3g}  "
                     f"{fit.fitted_days[m]:14.2f}  {in_file[m]:9.3g}")
    lines.append(f"  year   {fit.target_days.sum():11.1f}  {'':8s}  {fit.fitted_days.sum():14.1f}")
    lines.append("closure_starts_per_day: [" + ", ".join(f"{r:.3g}" for r in fit.rates) + "]")
    return "\n".join(lines)


def report_text(r: CalibrationReport) -> str:
    """Fitted values with their intervals, then every check (on the independent seeds)."""
    lines = []
    ident = r.identification
    for i, p in enumerate(r.spec.parameters):
        fitted = f"fitted {r.fit.values[i]:.4g}" if r.fit is not None else "not re-fitted"
        ci = (f"95 % [{ident.ci_low[i]:.4g}, {ident.ci_high[i]:.4g}]"
              f"{'' if ident.identified[i] else ' NOT identified'}") if ident is not None else ""
        lines.append(f"{p.name:24s} {fitted:18s} in file {r.in_file[i]:.4g}  {ci}")
        if r.fit is not None:
            lines += [f"    {path} = {value:.6g}" for path, value in p.assignments(r.fit.values[i]).items()]
    lines += [f"left out: {n}" for n in r.notes]
    lines.append(check_text(f"{r.spec.name}: simulated vs reported ({r.spec.replications} "
                            f"replications, root seed {r.spec.check_seed}, 95 % CI)", r.check_main))
    for c in r.checks:
        lines.append(check_text(f"{c.title} (not refitted, root seed {r.spec.check_seed})", c.table))
        lines += [f"  left out: {n}" for n in c.notes]
    if r.closed_days is not None:
        lines.append(check_text("storm closures (simulated vs analytical target)", r.closed_days))
    if r.weather is not None:
        lines.append(weather_text(r.weather, r.weather_in_file))
    return "\n".join(lines)
