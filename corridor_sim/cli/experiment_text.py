"""Readable tables of experiment results (rich renderables; the caller prints them)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from rich.table import Table

from corridor_sim import METRIC_UNITS, kpi_label, name_label
from corridor_sim.cli.table_layout import keep_numbers_whole

if TYPE_CHECKING:
    import pandas as pd

    from corridor_sim import Comparison, ExperimentResults, SweepResults, Target

HEADLINE = {("group", "throughput_t"), ("group", "throughput_teu"), ("flow", "throughput_t"),
            ("flow", "throughput_teu"), ("flow", "transit_days_mean"), ("target", "")}
ABSENT = "<absent>"  # as corridor_sim.experiments.compare writes a missing path
# what a comparison of scenarios is asked: volumes, transit time and cost per flow, the targets
COMPARE_HEADLINE = HEADLINE | {("flow", "cost_usd_per_teu"), ("flow", "cost_usd_per_t"),
                               ("flow", "transit_days_p95")}


def num(v: Any, digits: int = 0) -> str:
    """A number with thousands separators ("–" for NaN or None)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:,.{digits}f}"


def quantity(value: float, metric: str) -> str:
    """A target bound with its unit: ``5.2 Mt``, ``70,000 TEU``, ``12 days``."""
    unit = METRIC_UNITS.get(metric, "")
    if unit == "t" and abs(value) >= 1e6:
        return f"{value / 1e6:g} Mt"
    return f"{value:,.{0 if unit != 'days' else 1}f} {unit}".strip()


def target_phrase(key: str, target: Target) -> str:
    """``P(trans-caspian ≥ 5.2 Mt)``."""
    sense = "≥" if target.at_least is not None else "≤"
    year = f" in {target.year}" if target.year is not None else ""
    return f"P({key} {sense} {quantity(target.bound, target.metric)}{year})"


def interval(lo: Any, hi: Any, digits: int = 0) -> str:
    """``[lo, hi]``."""
    return f"[{num(lo, digits)}, {num(hi, digits)}]"


def targets_table(result: ExperimentResults, level: float = 0.95) -> Table:
    """Each target: probability met (Wilson interval) and the mean value (t interval)."""
    pct = f"{100 * level:g} %"
    t = Table(title=f"Targets ({pct} intervals)", title_justify="left")
    for col in ("probability", "P(met)", f"Wilson {pct} CI", "mean value", f"t {pct} CI", "n"):
        t.add_column(col, justify="left" if col == "probability" else "right")
    for row in result.targets.itertuples():
        target = result.scenario.targets[str(row.target)]
        k = result.kpi("target", str(row.target), target.metric)
        t.add_row(target_phrase(str(row.target), target), num(row.p_met, 2),
                  interval(row.ci_low, row.ci_high, 2), num(k["mean"]),
                  interval(k["ci_low"], k["ci_high"]), str(row.n))
    return keep_numbers_whole(t)


def summary_table(summary: pd.DataFrame, title: str, everything: bool = False) -> Table:
    """KPI means with intervals (headline KPIs unless ``everything``)."""
    t = Table(title=title, title_justify="left")
    t.add_column("KPI")
    for col in ("mean", "std", "CI low", "CI high", "n"):
        t.add_column(col, justify="right")
    for row in _rows(summary, everything):
        d = 2 if abs(row.mean) < 100 else 0
        t.add_row(kpi_label(row.scope, row.name, row.metric), num(row.mean, d), num(row.std, d),
                  num(row.ci_low, d), num(row.ci_high, d), str(row.n))
    return keep_numbers_whole(t)


def _rows(df: pd.DataFrame, everything: bool, headline: set[tuple[str, str]] = HEADLINE) -> list[Any]:
    if everything:
        return list(df.itertuples())
    return [r for r in df.itertuples()
            if (r.scope, r.metric) in headline or (r.scope, "") in headline]


def sweep_table(sweep: SweepResults, level: float = 0.95) -> Table:
    """One row per point: each swept parameter in its own column, P(met) of each target and
    the throughput of the groups the targets count (every group if no target names one)."""
    t = Table(title=f"Sweep ({100 * level:g} % intervals)", title_justify="left")
    t.add_column("point", justify="right")
    params = [c for c in sweep.points.columns if c != "point"]
    for path in params:
        t.add_column(path, justify="right")
    first = sweep.experiments[0]
    targets = list(first.scenario.targets)
    groups = first.summary[(first.summary["scope"] == "group")
                           & (first.summary["metric"] == "throughput_t")]["name"].tolist()
    named = [tg.scope.partition(":")[2] for tg in first.scenario.targets.values()
             if tg.scope.startswith("group:")]
    groups = [g for g in groups if g in named] or groups
    for key in targets:
        t.add_column(f"P({key})", justify="right")
    for g in groups:
        t.add_column(f"{name_label(g)} Mt crossed", justify="right")
    for k, e in enumerate(sweep.experiments):
        point = sweep.points.drop(columns="point").iloc[k].to_dict()
        cells = [str(point[p]) for p in params]
        cells += [_p(e, key) for key in targets]
        cells += [_mt(e, g) for g in groups]
        t.add_row(str(k), *cells)
    return keep_numbers_whole(t)


def _p(e: ExperimentResults, key: str) -> str:
    row = e.targets[e.targets["target"] == key].iloc[0]
    return f"{num(row.p_met, 2)} {interval(row.ci_low, row.ci_high, 2)}"


def _mt(e: ExperimentResults, group: str) -> str:
    k = e.kpi("group", group, "throughput_t")
    return f"{num(k['mean'] / 1e6, 3)} ± {num((k['ci_high'] - k['ci_low']) / 2e6, 3)}"


def differences_table(comparison: Comparison, everything: bool = False) -> Table:
    """Paired differences against the base scenario with intervals and significance.

    By default only what the comparison is about: the groups its targets count and the
    flows whose definition differs between the scenarios (every flow if none does), on
    volume, transit time and cost (:data:`COMPARE_HEADLINE`); ``everything``: every KPI.
    """
    base = comparison.labels[0]
    t = Table(title=f"Differences vs {base} (paired on common random numbers, 95 % t CI)",
              title_justify="left")
    t.add_column("scenario")
    t.add_column("KPI")
    for col in ("base mean", "difference [95 % CI]", "signif."):
        t.add_column(col, justify="right")
    focus = _focus(comparison)
    for r in _rows(comparison.differences, everything, COMPARE_HEADLINE):
        if not everything and ((r.scope, r.name) not in focus and r.scope in ("group", "flow")
                               or r.scope == "target"):  # a target repeats its group's row
            continue
        if not everything and r.n and r.diff_std == 0 and r.diff_mean == 0:
            continue  # identical in every replication: no news
        d = 2 if abs(r.base_mean) < 100 else 0
        t.add_row(r.scenario, kpi_label(r.scope, r.name, r.metric), num(r.base_mean, d),
                  f"{num(r.diff_mean, d)} {interval(r.ci_low, r.ci_high, d)}",
                  "[bold]yes[/bold]" if r.significant else "no")
    return keep_numbers_whole(t)


def _focus(comparison: Comparison) -> set[tuple[str, str]]:
    """(scope, name) of the target groups and of the flows the scenarios define differently."""
    scenario = comparison.experiments[0].scenario
    groups = {("group", tg.scope.partition(":")[2]) for tg in scenario.targets.values()
              if tg.scope.startswith("group:")}
    paths = [str(p) for p in comparison.scenario_diff["path"]] if len(comparison.scenario_diff) else []
    flows = {("flow", p.split(".")[1]) for p in paths if p.startswith("flows.") and p.count(".") >= 1}
    if not flows:
        flows = {("flow", name) for name in scenario.flows}
    return groups | flows


def comparison_targets_table(comparison: Comparison) -> Table:
    """P(met) of every target in every scenario."""
    t = Table(title="Targets: probability met (Wilson 95 % CI)", title_justify="left")
    t.add_column("target")
    for label in comparison.labels:
        t.add_column(label, justify="right")
    keys = list(dict.fromkeys(comparison.targets["target"]))
    for key in keys:
        cells = []
        for e in comparison.experiments:
            cells.append(_p(e, key) if key in set(e.targets["target"]) else "–")
        t.add_row(key, *cells)
    return keep_numbers_whole(t)


def scenario_diff_table(comparison: Comparison, limit: int = 40, everything: bool = False) -> Table:
    """The resolved fields that differ between the scenarios (first ``limit``).

    By default an entry present in only some scenarios (a new service) is one row,
    ``present`` / ``–``, instead of one ``<absent>`` row per field, and the
    ``sources`` notes are left out; ``everything`` shows every field.
    """
    diff = comparison.scenario_diff if everything else collapse_absent(comparison.scenario_diff)
    more = f" (first {limit} of {len(diff)}; --all for every field)" if len(diff) > limit else ""
    t = Table(title=f"Scenario differences{more}", title_justify="left")
    for col in diff.columns:
        t.add_column(str(col), overflow="fold")
    for row in diff.head(limit).itertuples(index=False):
        t.add_row(*[str(v) for v in row])
    return t


def collapse_absent(diff: pd.DataFrame) -> pd.DataFrame:
    """One row per entry (``services.poti-varna``) missing from some scenario; no ``sources``."""
    import pandas as pd  # noqa: F811 - at run time (the module imports it only for types)

    rows: list[list[Any]] = []
    seen: set[str] = set()
    for row in diff.itertuples(index=False):
        path, values = str(row[0]), list(row[1:])
        if ".sources." in f".{path}." or path.endswith(".sources"):
            continue
        if ABSENT in values and path.count(".") >= 2:
            entry = ".".join(path.split(".")[:2])
            if entry not in seen:
                seen.add(entry)
                rows.append([entry, *["–" if v == ABSENT else "present" for v in values]])
            continue
        rows.append([path, *values])
    collapsed: pd.DataFrame = pd.DataFrame(rows, columns=diff.columns, dtype=object)
    return collapsed
