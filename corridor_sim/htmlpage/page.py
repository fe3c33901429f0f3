"""One self-contained HTML page: inline CSS, figures as base64 PNG, no external resource."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from corridor_sim.htmlpage import sections
from corridor_sim.htmlpage.runs import ScenarioRuns, comparison_table
from corridor_sim.plots.capacity_view import (
    capacity_report,
    simulated_bottleneck,
    static_bottleneck,
)
from corridor_sim.plots.comparison import plot_scenario_comparison
from corridor_sim.plots.cumulative import plot_cumulative_throughput
from corridor_sim.plots.network_map import plot_network_map
from corridor_sim.plots.transit import plot_transit_times
from corridor_sim.plots.utilization import plot_utilization

REPORT_DPI = 110

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:64em;
color:#1b2631;line-height:1.4;padding:0 1em}
h1{font-size:1.6em;border-bottom:2px solid #1f4e79}h2{margin-top:2em;color:#1f4e79}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}caption{text-align:left;font-weight:600;
padding:.3em 0}th,td{border-bottom:1px solid #d5d8dc;padding:.25em .6em}th{background:#eaf2f8;
text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1.5em 0}img{max-width:100%;height:auto;border:1px solid #e5e8e8}
figcaption{font-size:.85em;color:#566573}.note{font-size:.85em;color:#566573}
.bottleneck{background:#fdf2e9;border-left:4px solid #c0392b;padding:.5em 1em}
"""


def figure_html(fig: Figure, caption: str, dpi: int = REPORT_DPI) -> str:
    """``<figure>`` with the PNG embedded as base64 and an escaped caption."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    text = html.escape(caption)
    return (f'<figure><img alt="{text}" src="data:image/png;base64,{data}">'
            f"<figcaption>{text}</figcaption></figure>\n")


def bottleneck_html(runs: ScenarioRuns) -> str:
    """The static bottleneck (capacity package, where present) and the busiest simulated element."""
    found = [b for b in (static_bottleneck(capacity_report(runs.first.scenario)),
                         simulated_bottleneck(runs.first)) if b is not None]
    if not found:
        return ""
    items = "".join(f"<li>{html.escape(b.text)}</li>" for b in found)
    return f'<div class="bottleneck"><strong>Bottleneck</strong><ul>{items}</ul></div>\n'


def scenario_section(runs: ScenarioRuns, generated: str) -> str:
    """Everything about one scenario: provenance, bottleneck, targets, tables, figures."""
    r = runs.first
    n = runs.replications
    rep0 = " (replication 0)" if n > 1 else ""
    cumulative = "" if runs.curves.empty else figure_html(
        plot_cumulative_throughput(runs.curves),
        "Cumulative throughput against the linear pace to each target"
        + (f" (mean and range of {n} replications)" if n > 1 else ""))
    figs = [(plot_network_map(r), "Network: terminals sized by throughput, links by volume "
             f"and coloured by fleet utilization{rep0}"),
            (plot_utilization(r), f"Utilization of berths, yards and fleets, 7-day means{rep0}"),
            (plot_transit_times(r), f"Transit time per flow{rep0}")]
    parts = [f'<h2 id="{html.escape(runs.label)}">{html.escape(runs.label)}</h2>\n']
    if r.scenario.description:
        parts.append(f"<p>{html.escape(r.scenario.description)}</p>\n")
    parts += [sections.provenance_table(runs, generated), bottleneck_html(runs),
              sections.targets_table(runs), cumulative, sections.groups_table(runs),
              sections.terminals_table(runs), sections.flows_table(runs)]
    parts += [figure_html(f, c) for f, c in figs]
    return "".join(parts)


def comparison_section(runs: Sequence[ScenarioRuns]) -> str:
    """Headline figures of every scenario side by side (table and bar chart)."""
    table = comparison_table(runs)
    probability = table["metric"].str.startswith("P(")
    if all(r.replications == 1 for r in runs):
        table = table[~probability]
    fig = plot_scenario_comparison(table[~probability].reset_index(drop=True))
    return ("<h2>Comparison</h2>\n" + sections.comparison_html(table)
            + figure_html(fig, "Scenario comparison: means with 95 % confidence intervals"))


NOTES = ("Throughput is counted over the measurement window (after warm-up): services by "
         "departure, terminals by cargo leaving or delivered, flows by delivery. Intervals are "
         "95 % Student-t intervals of the mean over replications; probabilities of meeting a "
         "target carry 95 % Wilson intervals. Utilizations are shares of capacity-hours.")


def render_page(runs: Sequence[ScenarioRuns], version: str,
                generated: str | None = None, sections: Sequence[str] = ()) -> str:
    """The whole report as one HTML string (``sections``: more HTML after the comparison)."""
    generated = generated or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    labels = ", ".join(r.label for r in runs)
    body = [f"<h1>corridor-sim report: {html.escape(labels)}</h1>\n",
            f'<p class="note">Generated {html.escape(generated)} by corridor-sim '
            f"{html.escape(version)}. {html.escape(NOTES)}</p>\n"]
    if len(runs) > 1:
        body.append(comparison_section(runs))
    body += list(sections)
    body += [scenario_section(r, generated) for r in runs]
    return document(f"corridor-sim report: {labels}", "".join(body))


def document(title: str, body: str) -> str:
    """A complete HTML document: ``title`` (escaped here), the report's CSS, ``body`` (HTML)."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head>\n<body>\n{body}</body></html>\n")
