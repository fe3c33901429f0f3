"""``corridor-sim capacity``: static bounds, the bottleneck, and expansions for a target."""

from __future__ import annotations

import json

import typer

from corridor_sim.cli.guard import fail, guarded
from corridor_sim.cli.paths import ScenarioArg


@guarded
def capacity(
    scenario: ScenarioArg,
    target: str | None = typer.Option(
        None, "--target", help="Throughput to reach, e.g. 5.2Mt,70000TEU (also 5200000t, "
        "70kTEU): plan the cheapest expansions among the scenario's expandable options."),
    scope: str | None = typer.Option(
        None, "--scope", help="What the bound and the target count: group:NAME, "
        "flowgroup:NAME, flow:NAME, service:NAME, node:NAME or flows (default: the scope of "
        "the scenario's first throughput target, else group:trans_caspian, else flows)."),
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    show_all: bool = typer.Option(False, "--all", help="List every element, not only the "
                                  "20 busiest loaded ones."),
) -> None:
    """Capacity of every service and terminal, max flow / min cut, and the bottleneck."""
    from corridor_sim import capacity_bounds, load, parse_target, plan_expansions

    wanted = None
    if target is not None:
        try:
            wanted = parse_target(target)
        except ValueError as exc:
            raise fail(f"--target: {exc}") from None
    s = load(scenario, overrides=set_)
    report = capacity_bounds(s, scope=scope)
    plan = None if wanted is None else plan_expansions(
        s, wanted.t_per_year, wanted.teu_per_year, scope=report.scope)
    if as_json:
        payload = report.to_dict()
        payload["plan"] = None if plan is None else plan.to_dict()
        typer.echo(json.dumps(payload, indent=2, default=str))
        return
    from corridor_sim.cli.capacity_text import render_report

    render_report(report, plan, show_all=show_all)
