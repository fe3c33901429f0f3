"""Render a run's summary in the terminal (rich tables)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from corridor_sim import METRIC_UNITS, Results, is_terminal


def _num(v: Any, digits: int = 0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:,.{digits}f}"


def _pct(v: float) -> str:
    return "–" if v is None or math.isnan(v) else f"{100 * v:.0f} %"


def render_summary(results: Results, out: Path | None, console: Console | None = None) -> None:
    """Print headline, targets, groups, ports and flows."""
    console = console or Console(width=110, highlight=False)  # names are plain text
    meta = results.meta
    console.print(f"[bold]{escape(str(meta['scenario']))}[/bold]  seed {meta['seed']}  "
                  f"window {meta['window_h'][0] / 24:.0f}–{meta['window_h'][1] / 24:.0f} days "
                  f"from {meta['start']}  ({meta['events']:,} events, "
                  f"{meta['sim_wall_s']:.2f} s simulated)")
    if len(results.targets):
        console.print(_targets(results))
    console.print(_groups(results))
    console.print(_ports(results))
    console.print(_flows(results))
    console.print(_emissions(results))
    ok = bool(results.conservation["ok"].all())
    console.print(f"cargo conservation: {'ok' if ok else 'FAILED'}")
    if out is not None:
        console.print(f"outputs: {escape(str(out))}")


def _targets(r: Results) -> Table:
    t = Table(title="Targets (annualised over the window)", title_justify="left")
    for col in ("target", "scope", "value", "target", "met"):
        t.add_column(col)
    for row in r.targets.to_dict("records"):
        unit = METRIC_UNITS[str(row["metric"])]
        t.add_row(escape(str(row["target"])), escape(str(row["scope"])), f"{_num(row['value'])} {unit}",
                  f"{row['sense']} {_num(row['target_value'])}",
                  "[green]yes[/green]" if row["met"] else "[red]no[/red]")
    return t


def _groups(r: Results) -> Table:
    t = Table(title="Service groups", title_justify="left")
    for col in ("group", "Mt", "TEU", "trips"):
        t.add_column(col, justify="right" if col != "group" else "left")
    wide = r.kpi_table("group")
    for name, row in wide.iterrows():
        t.add_row(escape(str(name)), _num(row["throughput_t"] / 1e6, 3), _num(row["throughput_teu"]),
                  _num(row["trips"]))
    return t


def _ports(r: Results) -> Table:
    t = Table(title="Terminals (corridor + other traffic = total)", title_justify="left")
    for col in ("node", "Mt", "TEU", "other Mt", "other TEU", "total Mt", "total TEU",
                "berth util", "yard TEU util (max)", "stay h", "closed d"):
        t.add_column(col, justify="right" if col != "node" else "left")
    wide = r.kpi_table("node")
    terminal = {n: is_terminal(node.kind) for n, node in r.scenario.nodes.items()}
    for name, row in wide.iterrows():
        if not terminal[str(name)] or row["total_t"] == 0:
            continue
        t.add_row(escape(str(name)), _num(row["throughput_t"] / 1e6, 3), _num(row["throughput_teu"]),
                  _num(row["other_t"] / 1e6, 3), _num(row["other_teu"]),
                  _num(row["total_t"] / 1e6, 3), _num(row["total_teu"]),
                  _pct(row["berth_utilization"]), _pct(row["yard_teu_util_max"]),
                  _num(row["stay_h_mean"], 1), _num(row["closed_days"], 1))
    return t


def _flows(r: Results) -> Table:
    t = Table(title="Flows (delivered in the window)", title_justify="left")
    for col in ("flow", "Mt", "TEU", "transit d mean", "p50", "p95", "USD/t", "USD/TEU"):
        t.add_column(col, justify="right" if col != "flow" else "left")
    wide = r.kpi_table("flow")
    for name, row in wide.iterrows():
        t.add_row(escape(str(name)), _num(row["throughput_t"] / 1e6, 3), _num(row["throughput_teu"]),
                  _num(row["transit_days_mean"], 1), _num(row["transit_days_p50"], 1),
                  _num(row["transit_days_p95"], 1), _num(row["cost_usd_per_t"], 1),
                  _num(row["cost_usd_per_teu"]))
    return t


def _emissions(r: Results) -> Table:
    t = Table(title="Emissions (well-to-wheel CO2e of the legs departed in the window)",
              title_justify="left")
    for col in ("flow", "million t-km", "t CO2e", "g CO2e/t-km"):
        t.add_column(col, justify="right" if col != "flow" else "left")
    k = r.kpis[r.kpis["metric"].isin(["transport_tkm", "emissions_t_co2e", "emissions_g_per_tkm"])]
    wide = k[k["scope"].isin(["flow", "total"])].pivot(index=["scope", "name"], columns="metric",
                                                        values="value")
    for (scope, name), row in wide.sort_index(level=0).iterrows():
        t.add_row(escape(str(name)) if scope == "flow" else "[bold]total[/bold]",
                  _num(row["transport_tkm"] / 1e6, 1), _num(row["emissions_t_co2e"]),
                  _num(row["emissions_g_per_tkm"], 1))
    return t
