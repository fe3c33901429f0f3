"""Terminal rendering of a capacity report and an expansion plan (rich tables)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    import pandas as pd

    from corridor_sim import CapacityReport, ExpansionPlan

DEFAULT_ROWS = 20


def _num(v: Any) -> float:
    return math.nan if v is None else float(v)


def _mt(t: Any) -> str:
    t = _num(t)
    if math.isnan(t):
        return "–"
    return "unbounded" if math.isinf(t) else f"{t / 1e6:,.3f}"


def _teu(v: Any) -> str:
    v = _num(v)
    if math.isnan(v):
        return "–"
    return "unbounded" if math.isinf(v) else f"{v:,.0f}"


def _pct(v: Any) -> str:
    v = _num(v)
    if math.isnan(v):
        return "–"
    return "∞" if math.isinf(v) else f"{100 * v:.0f} %"


def _elements(report: CapacityReport, show_all: bool) -> Table:
    df = report.elements.sort_values("utilization", ascending=False, kind="stable")
    if not show_all:
        df = df[(df["demand_t_per_year"] > 0) & df["capacity_t_per_year"].map(math.isfinite)]
        df = df.head(DEFAULT_ROWS)
    t = Table(title="Elements (capacity a year over the window; t at the element's cargo mix)",
              title_justify="left")
    for col in ("element", "cap Mt", "cap TEU", "demand Mt", "demand TEU", "used", ""):
        t.add_column(col, justify="left" if col == "element" else "right")
    for r in df.itertuples():
        t.add_row(str(r.label), _mt(r.capacity_t_per_year), _teu(r.capacity_teu_per_year),
                  _mt(r.demand_t_per_year), _teu(r.demand_teu_per_year), _pct(r.utilization),
                  "[bold red]binding[/bold red]" if r.binding else "")
    return t


def _max_flow(report: CapacityReport, scope: str) -> Table:
    df = report.max_flow
    df = df[df["scope"] == scope] if len(df) else df
    t = Table(title=f"Max flow by cargo class, {scope} (each class alone; minimum cut)",
              title_justify="left")
    for col in ("cargo", "max flow", "demand", "used", "minimum cut"):
        t.add_column(col, justify="left" if col in ("cargo", "minimum cut") else "right")
    for r in df.itertuples():
        fmt = _teu if r.unit == "TEU" else (lambda v: f"{_mt(v)} Mt")
        unit = " TEU" if r.unit == "TEU" else ""
        t.add_row(str(r.cargo), f"{fmt(r.max_flow)}{unit}", f"{fmt(r.demand)}{unit}",
                  _pct(r.utilization), str(r.bottleneck))
    return t


def _scope_line(report: CapacityReport) -> str:
    row = report.scopes[report.scopes["scope"] == report.scope].iloc[0]
    if row["demand_t_per_year"] == 0:
        return f"{report.scope}: no flow of the scenario reaches it"
    return (f"{report.scope} at the scenario's mix and routes: {_mt(row['bound_t_per_year'])} "
            f"Mt/yr and {_teu(row['bound_teu_per_year'])} TEU/yr "
            f"(demand {_mt(row['demand_t_per_year'])} Mt, {_teu(row['demand_teu_per_year'])} "
            f"TEU, x {row['scale']:.2f}), limited by {row['limited_by']}")


def _targets(df: pd.DataFrame) -> Table:
    t = Table(title="Scenario targets against the bound", title_justify="left")
    for col in ("target", "scope", "target value", "bound", "within"):
        t.add_column(col, justify="left" if col in ("target", "scope") else "right")
    for r in df.itertuples():
        fmt = _teu if r.metric == "throughput_teu" else (lambda v: f"{_mt(v)} Mt")
        t.add_row(str(r.target), str(r.scope), fmt(r.target_value), fmt(r.bound),
                  "[green]yes[/green]" if r.within_bound else "[red]no[/red]")
    return t


def render_plan(plan: ExpansionPlan, console: Console) -> None:
    """Print the plan: steps, cost, bound before and after."""
    want = " and ".join(x for x in (
        None if plan.target_t_per_year is None else f"{_mt(plan.target_t_per_year)} Mt/yr",
        None if plan.target_teu_per_year is None else f"{_teu(plan.target_teu_per_year)} TEU/yr",
    ) if x)
    console.print(f"[bold]Target {want} for {plan.scope}[/bold] (demand x "
                  f"{plan.required_scale:.3f}): {plan.message}")
    if not plan.feasible:
        return
    console.print("[dim]a bound is the most the corridor could carry on paper (round trips, "
                  "berths, handling at full use); queues, storms and bunching keep the simulated "
                  "volume below it: P(target met) comes from "
                  "[bold]corridor-sim experiment[/bold], not from the bound[/dim]")
    if len(plan.steps):
        t = Table(title="Cheapest expansions", title_justify="left")
        for col in ("element", "field", "steps", "from", "to", "cost USD"):
            t.add_column(col, justify="left" if col in ("element", "field") else "right")
        for r in plan.steps.itertuples():
            t.add_row(f"{r.element_kind} {r.name}", str(r.field), str(r.steps),
                      f"{r.from_value:g}", f"{r.to_value:g}", f"{r.cost_usd:,.0f}")
        console.print(t)
    console.print(f"total cost: USD {plan.total_cost_usd:,.0f}; bound after: "
                  f"{_mt(plan.bound_after_t_per_year)} Mt/yr and "
                  f"{_teu(plan.bound_after_teu_per_year)} TEU/yr, next limit: "
                  f"{plan.limited_after_by or '–'}")
    if plan.overrides:
        console.print("to simulate it: " + " ".join(f"--set {o}" for o in plan.overrides))


def render_report(report: CapacityReport, plan: ExpansionPlan | None = None,
                  show_all: bool = False, console: Console | None = None) -> None:
    """Print the capacity report (and the plan, if any)."""
    console = console or Console(width=120)
    lo, hi = report.window_days
    console.print(f"[bold]{report.scenario}[/bold]  static capacity over days {lo:g}–{hi:g} "
                  "(expected weather and closures; a year = 8766 h)")
    console.print(_elements(report, show_all))
    console.print(_max_flow(report, report.scope))
    console.print(_scope_line(report))
    if report.bottleneck is not None:
        console.print(f"[bold]bottleneck[/bold]: {report.bottleneck}")
    if len(report.targets):
        console.print(_targets(report.targets))
    if plan is not None:
        render_plan(plan, console)
