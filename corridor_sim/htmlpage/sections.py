"""HTML tables of a report: targets, groups, terminals, flows, provenance (escaped text)."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from corridor_sim.htmlpage.runs import ScenarioRuns
from corridor_sim.results.targets import METRIC_UNITS
from corridor_sim.scenario.terminal_kinds import is_terminal

Formatter = Callable[[float], str]
Column = tuple[str, str, Formatter]


def _finite(v: Any) -> bool:
    try:
        return math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


def number(digits: int = 0, scale: float = 1.0) -> Formatter:
    """Format ``value / scale`` with thousands separators and ``digits`` decimals."""
    return lambda v: f"{v / scale:,.{digits}f}" if _finite(v) else "–"


def percent(v: float) -> str:
    """A fraction (0–1) as a percentage."""
    return f"{100.0 * v:.0f} %" if _finite(v) else "–"


def estimate(mean: float, low: float, high: float, n: int, fmt: Formatter) -> str:
    """``mean`` alone (one run) or ``mean [low – high]`` (several)."""
    if n > 1 and _finite(low) and _finite(high):
        return f"{fmt(mean)} [{fmt(low)} – {fmt(high)}]"
    return fmt(mean)


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "",
               numeric_from: int = 1) -> str:
    """A ``<table>``: every cell escaped; columns from ``numeric_from`` right-aligned."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="{"num" if i >= numeric_from else "txt"}">{html.escape(str(c))}</td>'
            for i, c in enumerate(row)) + "</tr>\n"
        for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"


def kpi_rows(runs: ScenarioRuns, scope: str, names: Sequence[str],
             columns: Sequence[Column]) -> list[list[str]]:
    """One row per element name: each column's estimate over the replications."""
    s = runs.summary()
    s = s[s["scope"] == scope].set_index(["name", "metric"])
    rows = []
    for name in names:
        row = [name]
        for metric, _, fmt in columns:
            if (name, metric) in s.index:
                r = s.loc[(name, metric)]
                row.append(estimate(r["mean"], r["ci_low"], r["ci_high"], int(r["n"]), fmt))
            else:
                row.append("–")
        rows.append(row)
    return rows


def kpi_table(runs: ScenarioRuns, scope: str, names: Sequence[str], first_header: str,
              columns: Sequence[Column], caption: str) -> str:
    """A KPI table (mean and interval per cell)."""
    headers = [first_header, *[h for _, h, _ in columns]]
    return html_table(headers, kpi_rows(runs, scope, names, columns), caption)


def targets_table(runs: ScenarioRuns) -> str:
    """Each target: bound, value reached (mean [CI]) and whether it is met (or P(met) [CI])."""
    scenario = runs.first.scenario
    if not scenario.targets:
        return "<p>The scenario sets no target.</p>\n"
    s = runs.summary()
    s = s[s["scope"] == "target"].set_index("name")
    p = runs.target_probabilities().set_index("target")
    rows = []
    for key, t in scenario.targets.items():
        unit = METRIC_UNITS[t.metric]
        fmt = number(1 if unit == "days" else 0)
        sense = "≥" if t.at_least is not None else "≤"
        when = str(t.year) if t.year is not None else "window, per year"
        r = s.loc[key] if key in s.index else None
        value = "–" if r is None else estimate(r["mean"], r["ci_low"], r["ci_high"], int(r["n"]), fmt)
        pr = p.loc[key]
        met = (("yes" if pr["p_met"] == 1 else "no") if runs.replications == 1 else
               f"{pr['p_met']:.2f} [{pr['ci_low']:.2f} – {pr['ci_high']:.2f}]")
        rows.append([key, t.metric, t.scope, when, f"{sense} {fmt(t.bound)} {unit}",
                     f"{value} {unit}", met])
    met_header = "met" if runs.replications == 1 else "P(met) [95 % Wilson]"
    return html_table(["target", "metric", "scope", "period", "target value", "value",
                       met_header], rows, "Targets", numeric_from=4)


def groups_table(runs: ScenarioRuns) -> str:
    """Throughput of each edge group."""
    groups = sorted({g for s in runs.first.scenario.services.values() for g in s.groups})
    if not groups:
        return ""
    return kpi_table(runs, "group", groups, "group", [
        ("throughput_t", "throughput (Mt)", number(3, 1e6)),
        ("throughput_teu", "throughput (TEU)", number(0)),
        ("trips", "trips", number(0))], "Service groups (over the measurement window)")


def terminals_table(runs: ScenarioRuns) -> str:
    """Terminals (demand zones left out): throughput, berth and yard use, stay, closures."""
    names = [k for k, n in runs.first.scenario.nodes.items() if is_terminal(n.kind)]
    return kpi_table(runs, "node", names, "terminal", [
        ("throughput_t", "throughput (Mt)", number(3, 1e6)),
        ("throughput_teu", "throughput (TEU)", number(0)),
        ("berth_utilization", "berth use", percent),
        ("yard_teu_util_max", "yard TEU max", percent),
        ("stay_h_mean", "stay (h)", number(1)),
        ("closed_days", "closed (days)", number(1))], "Terminals")


def flows_table(runs: ScenarioRuns) -> str:
    """Flows: delivered volume, transit days, cost."""
    return kpi_table(runs, "flow", list(runs.first.scenario.flows), "flow", [
        ("throughput_t", "delivered (Mt)", number(3, 1e6)),
        ("throughput_teu", "delivered (TEU)", number(0)),
        ("transit_days_mean", "transit mean (days)", number(1)),
        ("transit_days_p95", "transit p95 (days)", number(1)),
        ("cost_usd_per_t", "USD/t", number(1)),
        ("cost_usd_per_teu", "USD/TEU", number(0))], "Flows (lots delivered in the window)")


def provenance_table(runs: ScenarioRuns, generated: str) -> str:
    """Scenario file and hash, seeds, version, window and date of the report."""
    meta = runs.first.meta
    seeds = runs.seeds
    seed_text = (str(seeds[0]) if len(seeds) == 1 else
                 f"SeedSequence({seeds[0][0]}, spawn_key=(i,)), i = 0…{len(seeds) - 1}")
    t0, t1 = meta["window_h"]
    rows = [["scenario", str(meta["scenario"])], ["file", runs.source],
            ["scenario hash", str(meta["scenario_hash"])], ["replications", str(len(seeds))],
            ["seed", seed_text], ["corridor-sim version", str(meta["version"])],
            ["simulation start", str(meta["start"])],
            ["measurement window", f"day {t0 / 24:.0f} to day {t1 / 24:.0f} ({(t1 - t0) / 24:.0f} days)"],
            ["report generated", generated]]
    return html_table(["item", "value"], rows, "Provenance", numeric_from=99)


def comparison_html(table: pd.DataFrame) -> str:
    """The headline comparison: scenario, figure, unit, mean and interval."""
    rows = []
    for r in table.to_dict("records"):
        mean, low, high = float(r["mean"]), float(r["ci_low"]), float(r["ci_high"])
        fmt = number(2) if r["unit"] == "probability" else number(1 if abs(mean) < 1000 else 0)
        interval = f"{fmt(low)} – {fmt(high)}" if _finite(low) else "–"
        rows.append([str(r["scenario"]), str(r["metric"]), str(r["unit"]), fmt(mean), interval])
    return html_table(["scenario", "figure", "unit", "mean", "95 % interval"], rows,
                      "Headline figures per scenario", numeric_from=3)
