"""Markdown of a route-choice comparison (docs/bulgaria.md is written by it), stamped.

The page carries a :mod:`corridor_sim.stamp` line hashing the model and every scenario
file it was made from (the compared files and what they extend, transitively), so
``tests/foundation/test_stamp.py`` tells when it went stale.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from corridor_sim.experiments.choice_compare import ChoiceComparison


LABELS = {
    "attracted_share": ("attracted share", 100.0, "{:.1f} %"),
    "transit_days_mean": ("transit mean (days)", 1.0, "{:.1f}"),
    "transit_days_p95": ("transit p95 (days)", 1.0, "{:.1f}"),
    "cost_usd_per_teu": ("USD/TEU", 1.0, "{:,.0f}"),
    "cost_usd_per_t": ("USD/t (all EU-bound)", 1.0, "{:,.1f}"),
    "emissions_g_per_tkm": ("g CO2e/t-km", 1.0, "{:.1f}"),
    "targets_met": ("P(targets)", 100.0, "{:.0f} %"),
}


def _ci(mean: float, lo: float, hi: float, scale: float, fmt: str) -> str:
    if math.isnan(mean):
        return "–"
    if math.isnan(lo):
        return fmt.format(mean * scale)
    return f"{fmt.format(mean * scale)} [{fmt.format(lo * scale)}, {fmt.format(hi * scale)}]"


def summary_table(c: ChoiceComparison) -> str:
    """One row per scenario, one column per metric, 95 % intervals in brackets."""
    head = ["scenario", *[LABELS[m][0] for m in LABELS], "fixed point"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, a in c.assignments.items():
        s = c.summary[c.summary["scenario"] == label].set_index("metric")
        cells = [label]
        for m, (_, scale, fmt) in LABELS.items():
            r = s.loc[m]
            cells.append(_ci(r["mean"], r["ci_low"], r["ci_high"], scale, fmt))
        state = f"stopped by {a.stopped_by}" if a.converged else "not converged"
        cells.append(f"{len(a.gaps)} it., gap {a.gaps[-1]:.3f} ({state})")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def paired_table(c: ChoiceComparison) -> str:
    """Differences against the reference, paired by replication."""
    if c.paired.empty:
        return "(one scenario: nothing to pair)"
    head = ["scenario", *[LABELS[m][0] for m in LABELS if m != "targets_met"]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, g in c.paired.groupby("scenario", sort=False):
        g = g.set_index("metric")
        cells = [str(label)]
        for m, (_, scale, fmt) in LABELS.items():
            if m == "targets_met":
                continue
            r = g.loc[m]
            mark = " *" if r["significant"] else ""
            cells.append(_ci(r["diff_mean"], r["ci_low"], r["ci_high"], scale, fmt) + mark)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def shares_table(c: ChoiceComparison, flow: str) -> str:
    """Fixed-point shares of ``flow``'s routes per scenario (routes above 0.5 %)."""
    lines = ["| scenario | route | share |", "|---|---|---|"]
    for label, a in c.assignments.items():
        for route, share in sorted(a.shares.get(flow, {}).items(), key=lambda x: -x[1]):
            if share >= 0.005:
                lines.append(f"| {label} | {route.replace('>', ' › ')} | {100 * share:.1f} % |")
    return "\n".join(lines)


def capacity_table(c: ChoiceComparison) -> str:
    """Capacity of each Bulgarian line/terminal and the multiple needed per share."""
    cap = c.capacity
    demand = float(cap["demand_teu_per_year"].iloc[0]) if len(cap) else 0.0
    pcts = [int(col[len("times_"):-len("pct")]) for col in cap.columns if col.startswith("times_")]
    head = ["element", "capacity TEU/yr",
            *[f"× for {p} % ({p / 100 * demand:,.0f} TEU/yr)" for p in pcts]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for _, r in cap.iterrows():
        cells = [str(r["label"]), f"{r['capacity_teu_per_year']:,.0f}",
                 *[f"{r[f'times_{p}pct']:.2f}" for p in pcts]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sensitivity_table(c: ChoiceComparison) -> str:
    """A-priori share through the country per logit scale (rows: flows)."""
    sens = c.sensitivity
    if sens.empty:
        return ""
    scales = sorted(sens["scale_per_usd_t"].unique())
    lines = ["| flow | " + " | ".join(f"θ = {x:g}" for x in scales) + " |",
             "|" + "---|" * (len(scales) + 1)]
    for flow, g in sens.groupby("flow", sort=False):
        g = g.set_index("scale_per_usd_t")
        lines.append(f"| {flow} | " + " | ".join(f"{100 * g.loc[x, 'share']:.1f} %"
                                                   for x in scales) + " |")
    return "\n".join(lines)


def simulated_sensitivity_table(c: ChoiceComparison) -> str:
    """Simulated attracted share at the fixed point per logit scale, with intervals."""
    sim = c.sensitivity_simulated
    if sim.empty:
        return ""
    lines = ["| θ per USD/t | attracted share (simulated) | replications | fixed point | from |",
             "|---|---|---|---|---|"]
    for r in sim.to_dict("records"):
        share = _ci(r["mean"], r["ci_low"], r["ci_high"], 100.0, "{:.1f} %")
        source = ("the comparison above" if r["replications_from"] == "comparison"
                  else "this sensitivity run")
        lines.append(f"| {r['scale_per_usd_t']:g} | {share} | {int(r['n'])} | "
                     f"{int(r['iterations'])} it. ({r['stopped_by']}) | {source} |")
    return "\n".join(lines)


def _sensitivity_parts(c: ChoiceComparison) -> list[str]:
    m, last = c.meta, list(c.assignments)[-1]
    parts = [
        f"### Sensitivity to the logit scale (scenario {last})",
        "",
        f"**A priori** (computed, not simulated): share of each choosing flow routed through "
        f"{m['country']} from the timetable costs alone (no congestion: the fixed point above "
        "is what congestion makes of them), for logit scales θ per USD/t around the 0.1 used.",
        "",
        sensitivity_table(c),
        "",
    ]
    if c.sensitivity_simulated.empty:
        return parts + ["The simulated sensitivity was not run (`--sensitivity-scales`).", ""]
    return parts + [
        f"**Simulated**: the fixed point found again with every choosing flow at scale θ, then "
        f"{m.get('sensitivity_replications', '?')} replications on the comparison's seeds "
        "(the scenario's own θ: the comparison's replications); attracted share of the "
        "EU-bound TEU with its 95 % t interval.",
        "",
        simulated_sensitivity_table(c),
        "",
    ]


def hashes_table(c: ChoiceComparison) -> str:
    """Input and equilibrated scenario hashes."""
    lines = ["| scenario | input hash | fixed-point hash |", "|---|---|---|"]
    for label, h in c.meta["hashes"].items():
        lines.append(f"| {label} | `{h['input']}` | `{h['equilibrium']}` |")
    return "\n".join(lines)


def gaps_table(c: ChoiceComparison) -> str:
    """Residual of the fixed point (and its noise) per iteration and scenario."""
    n = max(len(a.gaps) for a in c.assignments.values())
    lines = ["| scenario | " + " | ".join(str(k) for k in range(1, n + 1)) + " | stopped by |",
             "|" + "---|" * (n + 2)]
    for label, a in c.assignments.items():
        cells = [f"{g:.3f} ({e:.3f})" for g, e in zip(a.gaps, a.noise)] + [""] * (n - len(a.gaps))
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {a.stopped_by} |")
    return "\n".join(lines)


def history_frame(c: ChoiceComparison) -> pd.DataFrame:
    """Every fixed-point iterate of every scenario in one table."""
    import pandas as pd

    frame: pd.DataFrame = pd.concat([a.history.assign(scenario=k)
                                     for k, a in c.assignments.items()], ignore_index=True)
    return frame


def findings(c: ChoiceComparison) -> str:
    """Sentences read off the paired differences (only significant ones are called so)."""
    if c.paired.empty:
        return ""
    ref = next(iter(c.assignments))
    out = []
    for label, g in c.paired.groupby("scenario", sort=False):
        g = g.set_index("metric")
        parts = []
        for m in ("attracted_share", "transit_days_mean", "cost_usd_per_teu"):
            r = g.loc[m]
            name, scale, fmt = LABELS[m]
            word = "significant" if r["significant"] else "not significant"
            parts.append(f"{name} {fmt.format(r['diff_mean'] * scale)} ({word})")
        out.append(f"- **{label}** against {ref}: " + "; ".join(parts) + ".")
    return "\n".join(out)


def render_doc(c: ChoiceComparison, intro: str, command: str, version: str,
               stamp_line: str = "") -> str:
    """The whole comparison document: ``intro`` (static prose), the stamp, then tables."""
    m = c.meta
    flows = sorted({f for a in c.assignments.values() for f in a.shares})
    parts = [
        intro.rstrip(),
        "",
        "## Results (generated)",
        "",
        *([stamp_line, ""] if stamp_line else []),
        f"Made by `{command}` with corridor-sim {version}: fixed point ({m['method'].upper()}) on "
        f"{m['eq_replications']} replications per iteration (root seed {m['eq_seed']}, at most "
        f"{m['iterations']} iterations, tolerance {m['tol']}), then {m['replications']} "
        f"replications of each equilibrated scenario on root seed {m['seed']} (the same "
        "seeds for every scenario: common random numbers). Means with 95 % intervals in "
        f"brackets (t intervals; P(targets): Wilson). Containers bound for `{m['destination']}`; "
        f"attracted share: TEU created on routes through a terminal in {m['country']}.",
        "",
        summary_table(c),
        "",
        f"### Differences against {next(iter(c.assignments))} (paired; * = interval excludes 0)",
        "",
        paired_table(c),
        "",
        findings(c),
        "",
        "### Convergence of the fixed point",
        "",
        "Largest share residual |y_k − s_(k−1)| per iteration, and in brackets its noise "
        "(largest standard error of the response over the replications of the iteration). "
        "Iterations stop when the residual is below the tolerance (tol) or below twice its "
        "noise (noise): the shares then reproduce themselves as closely as the replications "
        "can tell.",
        "",
        gaps_table(c),
        "",
    ]
    for flow in flows:
        parts += [f"### Shares at the fixed point: {flow}", "", shares_table(c, flow), ""]
    parts += [
        f"### Capacity each line or terminal in {m['country']} would need "
        f"(scenario {list(c.assignments)[-1]}, capacity/ with expected closures)",
        "",
        "Multiple of today's capacity needed to carry 10 / 25 / 50 % of the containers bound "
        f"for `{m['destination']}` through that element alone (base-year demand).",
        "",
        capacity_table(c),
        "",
    ]
    parts += _sensitivity_parts(c)
    parts += [
        "### Scenario hashes",
        "",
        hashes_table(c),
        "",
    ]
    return "\n".join(parts)


def page_inputs(c: ChoiceComparison) -> list[Path]:
    """The scenario files the comparison was made from and every file they extend."""
    from corridor_sim.scenario.inputs import scenario_files

    paths = [Path(p) for p in c.meta["paths"]]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ValueError(f"{missing[0]}: a stamped page is made from scenario files, not from "
                         "scenarios built in memory")
    return scenario_files(paths)


def write_choice_page(c: ChoiceComparison, out: str | Path, intro: str, command: str,
                      root: str | Path | None = None) -> Path:
    """Write the stamped Markdown page of ``c`` to ``out`` atomically; return the path.

    Parameters
    ----------
    c : ChoiceComparison
        Made from scenario files (their paths are in ``c.meta["paths"]``).
    out : path
        The page (e.g. docs/bulgaria.md).
    intro : str
        Static prose put before the generated part.
    command : str
        The command that made it, quoted on the page.
    root : path, optional
        The folder the stamp names its inputs relative to: default the project root of
        the first scenario (:func:`~corridor_sim.scenario.extends_policy.project_root`)
        when it holds every input, else the folder common to them all.

    Raises
    ------
    ValueError
        If a scenario was given in memory, not as a file, or an input lies outside an
        explicit ``root``.
    """
    import os

    from corridor_sim import __version__
    from corridor_sim.io.atomic import atomic_write_text
    from corridor_sim.scenario.extends_policy import project_root
    from corridor_sim.stamp import stamp

    inputs = page_inputs(c)
    base = Path(root) if root is not None else project_root(inputs[0].parent)
    if base is None or not all(p.is_relative_to(base.resolve()) for p in inputs):
        base = Path(os.path.commonpath([p.parent for p in inputs]))
    text = render_doc(c, intro, command, __version__, stamp(inputs, base))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)

