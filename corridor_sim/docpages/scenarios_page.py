"""docs/scenarios.md: the scenario library replicated, with intervals and paired differences.

Every scenario of :data:`~corridor_sim.docpages.library.LIBRARY` (and each comparison
base) is replicated with the same root seed, so a scenario and its base see common
random numbers; differences are paired by replication. Nothing on the page is typed in:
a number on it is a number this code computed from the files it stamps.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridor_sim.docpages.library import LIBRARY, Entry
from corridor_sim.experiments.experiment import ExperimentResults, Job, run_jobs
from corridor_sim.experiments.stats import paired_differences
from corridor_sim.scenario import load_scenario
from corridor_sim.scenario.inputs import scenario_files
from corridor_sim.stamp import stamp

# KPIs a difference may be reported on (scope, metric), in the order an analyst reads them.
DIFF_METRICS = (
    ("group", "throughput_t"), ("group", "throughput_teu"),
    ("node", "throughput_teu"), ("node", "berth_utilization"), ("node", "stay_h_mean"),
    ("service", "wait_h_mean"), ("service", "fleet_utilization"), ("service", "closed_days"),
    ("flow", "transit_days_mean"), ("flow", "transit_days_p95"), ("flow", "cost_usd_per_teu"),
)
GROUP = "trans_caspian"


@dataclass
class LibraryRun:
    """The replicated library: one experiment per job, and the settings used."""

    entries: tuple[Entry, ...]
    experiments: dict[tuple[str, tuple[str, ...]], ExperimentResults]
    replications: int
    seed: int
    root: Path

    def of(self, file: str, overrides: Sequence[str] = ()) -> ExperimentResults:
        """The experiment of ``file`` with ``overrides``."""
        return self.experiments[(file, tuple(overrides))]


def _jobs(entries: Sequence[Entry]) -> list[tuple[str, tuple[str, ...]]]:
    keys: list[tuple[str, tuple[str, ...]]] = []
    for e in entries:
        for key in ((e.file, ()), (e.base, e.base_overrides) if e.base else None):
            if key is not None and key not in keys:
                keys.append((str(key[0]), tuple(key[1])))
    return keys


def run_library(root: Path, replications: int = 10, seed: int = 0, workers: int = 1,
                entries: Sequence[Entry] = LIBRARY,
                progress: Callable[[int, int], None] | None = None,
                on_replication: Callable[[str, int], None] | None = None) -> LibraryRun:
    """Replicate every scenario of the library (and each comparison base) together.

    Parameters
    ----------
    root : Path
        Repository root (scenario files are relative to it).
    replications : int
        Replications per scenario (common random numbers across scenarios).
    seed : int
        Root seed of every experiment.
    workers : int
        Processes (1: in this process; more: an embedded Dask cluster).
    """
    keys = _jobs(entries)
    jobs = [Job(load_scenario(root / f, list(ov)), _label(f, ov)) for f, ov in keys]
    results = run_jobs(jobs, replications, seed, workers, progress=progress,
                       on_replication=on_replication)
    return LibraryRun(tuple(entries), dict(zip(keys, results)), replications, seed, root)


def _label(file: str, overrides: Sequence[str]) -> str:
    stem = Path(file).stem
    return stem if not overrides else f"{stem} [{', '.join(overrides)}]"


# -- rendering -------------------------------------------------------------------------


def _num(x: float | None, unit: str) -> str:
    if x is None or math.isnan(x):
        return "–"
    if unit == "Mt":
        return f"{x / 1e6:,.2f}"
    if unit == "fraction":
        return f"{100 * x:,.1f} %"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:,.2f}" if abs(x) < 10 else f"{x:,.1f}"


def _interval(mean: float, lo: float, hi: float, unit: str) -> str:
    return f"{_num(mean, unit)} [{_num(lo, unit)}, {_num(hi, unit)}]"


def per_year(e: ExperimentResults) -> float:
    """Factor turning a total over the scenario's measurement window into a rate per year
    (as the targets are annualised: :func:`corridor_sim.results.kpis.annualise`)."""
    from corridor_sim.results.kpis import annualise

    run = e.scenario.run
    return annualise((run.horizon_days - run.warmup_days) * 24.0)


def _kpi(e: ExperimentResults, scope: str, name: str, metric: str, unit: str) -> str:
    """Mean and interval of a throughput KPI, per year of the measurement window."""
    try:
        row = e.kpi(scope, name, metric)
    except KeyError:
        return "–"
    k = per_year(e)
    return _interval(row["mean"] * k, row["ci_low"] * k, row["ci_high"] * k, unit)


def _targets(e: ExperimentResults) -> str:
    parts = [f"P({r.target}) = {r.p_met:.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}]"
             for r in e.targets.itertuples(index=False)]
    return "; ".join(parts) if parts else "no targets"


def _busiest(e: ExperimentResults, scope: str, metric: str, k: int = 3) -> str:
    s = e.summary
    rows = s[(s["scope"] == scope) & (s["metric"] == metric)].nlargest(k, "mean")
    return ", ".join(f"{r.name} {_num(r.mean, 'fraction')}" for r in rows.itertuples(index=False))


def significant_changes(base: ExperimentResults, other: ExperimentResults,
                        k: int = 6) -> pd.DataFrame:
    """The ``k`` significant paired differences largest relative to the base mean."""
    d = paired_differences(base.replications, other.replications)
    wanted = pd.MultiIndex.from_tuples(DIFF_METRICS, names=["scope", "metric"])
    d = d[pd.MultiIndex.from_frame(d[["scope", "metric"]]).isin(wanted) & d["significant"]]
    d = d[~((d["scope"] == "group") & (d["name"] == GROUP))]
    rel = (d["diff_mean"].abs() / d["base_mean"].abs().clip(lower=1e-9))
    top: pd.DataFrame = d.assign(rel=rel).nlargest(k, "rel")
    return top


def _unit(metric: str) -> str:
    if metric.endswith("_t"):
        return "Mt"
    if "utilization" in metric:
        return "fraction"
    return ""


def _delta_text(run: LibraryRun, entry: Entry) -> str:
    if entry.base is None:
        return "–"
    base, other = run.of(entry.base, entry.base_overrides), run.of(entry.file)
    d = paired_differences(base.replications, other.replications)
    parts = []
    for metric, unit, what in (("throughput_t", "Mt", "Mt"), ("throughput_teu", "", "TEU")):
        row = d[(d["scope"] == "group") & (d["name"] == GROUP) & (d["metric"] == metric)]
        if len(row):
            r = row.iloc[0]
            sig = "" if r["significant"] else " (n.s.)"
            parts.append(f"{what} {_signed(r['diff_mean'], unit)} "
                         f"[{_signed(r['ci_low'], unit)}, {_signed(r['ci_high'], unit)}]{sig}")
    for rec in significant_changes(base, other).to_dict("records"):
        unit = _unit(str(rec["metric"]))
        parts.append(f"{rec['scope']} {rec['name']} {rec['metric']}: "
                     f"{_num(float(rec['base_mean']), unit)} → {_num(float(rec['mean']), unit)}")
    return f"{entry.base_label}: " + "; ".join(parts)


def _signed(x: float, unit: str) -> str:
    text = _num(x, unit)
    return text if text.startswith("-") or text == "–" else f"+{text}"


def render_library(run: LibraryRun, command: str) -> str:
    """The Markdown page of a replicated library, with its stamp."""
    inputs = scenario_files(run.root / f for f, _ in run.experiments)
    lines = [
        "# The scenario library",
        "",
        stamp(inputs, run.root),
        "",
        f"*Generated by `{command}`: do not edit by hand. {run.replications} replications "
        f"per scenario, root seed {run.seed}, common random numbers across scenarios; "
        "95 % intervals (Student t for means, Wilson for probabilities); Δ is the paired "
        "difference against the comparison named (n.s. = its interval includes 0), and the "
        "other changes listed are the largest significant ones relative to the base.*",
        "",
        f"Trans-Caspian throughput is the `{GROUP}` service group (Aktau and Kuryk/Sarzha to "
        "Alat and back: feeders, rail ferries, ro-ro, tankers), each lot counted once, per year "
        "of each scenario's measurement window (a multi-year run such as growth_2030 shows its "
        "average year; its targets name the years they test). Δ totals are over the window. "
        "Busiest berths and fleets: mean utilization over the window.",
        "",
        "| file | question | trans-Caspian Mt/yr | trans-Caspian TEU/yr | targets | busiest berths | "
        "busiest fleets | Δ |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for entry in run.entries:
        e = run.of(entry.file)
        cells = [f"`{Path(entry.file).name}`", entry.question,
                 _kpi(e, "group", GROUP, "throughput_t", "Mt"),
                 _kpi(e, "group", GROUP, "throughput_teu", ""),
                 _targets(e), _busiest(e, "node", "berth_utilization"),
                 _busiest(e, "service", "fleet_utilization"), _delta_text(run, entry)]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", "Run any of them with", "", "```bash",
              "corridor-sim run scenarios/<file>.yaml --no-write          # one run",
              "corridor-sim experiment scenarios/<file>.yaml -n 10        # replications, intervals",
              "corridor-sim compare scenarios/a.yaml scenarios/b.yaml -n 10   # paired differences",
              "```", ""]
    return "\n".join(lines)
