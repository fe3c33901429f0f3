"""The route-choice comparison (e.g. the Bulgarian ports) as a section of the HTML report.

Fed by a :class:`~corridor_sim.experiments.choice_compare.ChoiceComparison`: per scenario
the attracted share, transit mean and p95, USD per TEU and per t, CO2e per t-km and
P(targets) with 95 % intervals; the paired differences against the first scenario
(significant where the interval excludes zero); the capacity each line or terminal of the
country needs for 10 / 25 / 50 % of the destination's containers; the logit-scale
sensitivity (a priori, and simulated where it was run). Every cell is escaped text.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from pathlib import Path
from typing import TYPE_CHECKING

from corridor_sim.htmlpage.sections import html_table

if TYPE_CHECKING:
    from corridor_sim.experiments.choice_compare import ChoiceComparison

# metric → (header, unit, scale, decimals)
COLUMNS = {
    "attracted_share": ("attracted share", "%", 100.0, 1),
    "transit_days_mean": ("transit mean", "days", 1.0, 1),
    "transit_days_p95": ("transit p95", "days", 1.0, 1),
    "cost_usd_per_teu": ("cost", "USD/TEU", 1.0, 0),
    "cost_usd_per_t": ("cost, all bound flows", "USD/t", 1.0, 1),
    "emissions_g_per_tkm": ("CO2e", "g/t-km", 1.0, 1),
    "targets_met": ("P(targets)", "%", 100.0, 0),
}
SECTION_ID = "route-choice"


def _fmt(v: float, scale: float, digits: int) -> str:
    return f"{v * scale:,.{digits}f}" if math.isfinite(v) else "–"


def _cell(mean: float, lo: float, hi: float, metric: str, mark: str = "") -> str:
    _, _, scale, digits = COLUMNS[metric]
    if not math.isfinite(lo) or not math.isfinite(hi):
        return _fmt(mean, scale, digits) + mark
    return (f"{_fmt(mean, scale, digits)} [{_fmt(lo, scale, digits)} – "
            f"{_fmt(hi, scale, digits)}]{mark}")


def summary_html(c: ChoiceComparison) -> str:
    """One row per scenario, one column per metric: mean [95 % interval]."""
    heads = ["scenario", *[f"{h} ({u})" for h, u, _, _ in COLUMNS.values()], "fixed point"]
    rows = []
    for label, a in c.assignments.items():
        s = c.summary[c.summary["scenario"] == label].set_index("metric")
        cells = [label, *[_cell(s.loc[m, "mean"], s.loc[m, "ci_low"], s.loc[m, "ci_high"], m)
                          for m in COLUMNS]]
        rows.append([*cells, f"{len(a.gaps)} it., stopped by {a.stopped_by}"])
    return html_table(heads, rows, "Per scenario at its fixed point: means with 95 % intervals")


def paired_html(c: ChoiceComparison) -> str:
    """Paired differences against the first scenario; * where the interval excludes 0."""
    if c.paired.empty:
        return ""
    metrics = [m for m in COLUMNS if m != "targets_met"]
    heads = ["scenario", *[f"Δ {COLUMNS[m][0]} ({COLUMNS[m][1]})" for m in metrics]]
    rows = []
    for label, g in c.paired.groupby("scenario", sort=False):
        g = g.set_index("metric")
        rows.append([str(label), *[_cell(g.loc[m, "diff_mean"], g.loc[m, "ci_low"],
                                         g.loc[m, "ci_high"], m,
                                         " *" if g.loc[m, "significant"] else "")
                                   for m in metrics]])
    ref = next(iter(c.assignments))
    return html_table(heads, rows, f"Differences against {ref}, paired by replication "
                                   "(* = significant: the 95 % interval excludes 0)")


def capacity_html(c: ChoiceComparison) -> str:
    """Capacity of each line and terminal of the country, and the multiple each share needs."""
    cap = c.capacity
    if cap.empty:
        return ""
    demand = float(cap["demand_teu_per_year"].iloc[0])
    pcts = [int(col[len("times_"):-len("pct")]) for col in cap.columns if col.startswith("times_")]
    heads = ["element", "capacity TEU/yr",
             *[f"× for {p} % ({p / 100 * demand:,.0f} TEU/yr)" for p in pcts]]
    rows = [[str(r["label"]), f"{r['capacity_teu_per_year']:,.0f}",
             *[f"{r[f'times_{p}pct']:.2f}" for p in pcts]] for _, r in cap.iterrows()]
    last = list(c.assignments)[-1]
    return html_table(heads, rows, f"Capacity each line or terminal in {c.meta['country']} "
                                   f"would need (scenario {last}; static bounds of capacity/)")


def sensitivity_html(c: ChoiceComparison) -> str:
    """The logit-scale sensitivity: a priori (computed) and simulated (where run)."""
    out = ""
    sens = c.sensitivity
    if not sens.empty:
        scales = sorted(sens["scale_per_usd_t"].unique())
        rows = []
        for flow, g in sens.groupby("flow", sort=False):
            g = g.set_index("scale_per_usd_t")
            rows.append([str(flow), *[f"{100 * g.loc[x, 'share']:.1f} %" for x in scales]])
        out += html_table(["flow", *[f"θ = {x:g}" for x in scales]], rows,
                          f"A priori (timetable costs, no congestion; not simulated): share "
                          f"routed through {c.meta['country']} per logit scale θ per USD/t")
    sim = c.sensitivity_simulated
    if not sim.empty:
        rows = [[f"{r['scale_per_usd_t']:g}",
                 _cell(r["mean"], r["ci_low"], r["ci_high"], "attracted_share"),
                 str(int(r["n"])), f"{int(r['iterations'])} it. ({r['stopped_by']})",
                 str(r["replications_from"])] for r in sim.to_dict("records")]
        out += html_table(["θ per USD/t", "attracted share (%)", "replications", "fixed point",
                           "replications from"], rows,
                          "Simulated: attracted share at the fixed point found again per θ, "
                          "95 % intervals")
    else:
        out += '<p class="note">The simulated scale sensitivity was not run.</p>\n'
    return out


def provenance_html(c: ChoiceComparison, command: str = "") -> str:
    """Files, seeds, counts and scenario hashes of the comparison."""
    m = c.meta
    rows = [["command", command or "–"], ["scenario files", ", ".join(map(str, m["paths"]))],
            ["fixed point", f"{m['method'].upper()}, {m['eq_replications']} replications per "
                            f"iteration, root seed {m['eq_seed']}, at most {m['iterations']} "
                            f"iterations, tolerance {m['tol']}"],
            ["replications", f"{m['replications']} per scenario, root seed {m['seed']} "
                             "(common random numbers)"],
            ["destination, country", f"{m['destination']}, {m['country']}"]]
    rows += [[f"hash {k}", f"input {h['input']}, fixed point {h['equilibrium']}"]
             for k, h in m["hashes"].items()]
    return html_table(["item", "value"], rows, "Provenance", numeric_from=99)


def choice_section(c: ChoiceComparison, title: str = "", command: str = "") -> str:
    """The whole section (``<h2 id="route-choice">`` and its tables) as HTML."""
    title = title or f"Route choice through {c.meta['country']}"
    return (f'<h2 id="{SECTION_ID}">{html.escape(title)}</h2>\n'
            f'<p class="note">Containers bound for {html.escape(str(c.meta["destination"]))} '
            "choose their route (logit over generalized cost) at the congestion fixed point; "
            "the equilibrated scenarios are then replicated on the same seeds. Attracted share: "
            f"TEU created on routes through a terminal in {html.escape(str(c.meta['country']))}."
            "</p>\n"
            + summary_html(c) + paired_html(c) + capacity_html(c) + sensitivity_html(c)
            + provenance_html(c, command))


def write_choice_html(c: ChoiceComparison, out: str | Path, title: str = "",
                      command: str = "") -> Path:
    """Write a self-contained HTML page holding :func:`choice_section`; return the path."""
    from corridor_sim import __version__
    from corridor_sim.htmlpage.page import document
    from corridor_sim.io.atomic import atomic_write_text

    title = title or f"Route choice through {c.meta['country']}"
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = (f"<h1>corridor-sim report: {html.escape(title)}</h1>\n"
            f'<p class="note">Generated {generated} by corridor-sim {html.escape(__version__)}.</p>\n')
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, document(f"corridor-sim report: {title}",
                                            head + choice_section(c, title, command)))
