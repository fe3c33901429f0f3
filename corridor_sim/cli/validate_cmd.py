"""``corridor-sim validate`` and ``corridor-sim schema``."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from corridor_sim.cli.guard import guarded


@guarded
def validate(
    scenario: Path = typer.Argument(..., help="Scenario YAML file."),
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
) -> None:
    """Check a scenario (schema, names, routes) without simulating it."""
    from corridor_sim.network import resolve_routes
    from corridor_sim.scenario import load_scenario

    s = load_scenario(scenario, overrides=set_)
    routes = resolve_routes(s)
    n_routes = sum(len(r) for r in routes.values())
    typer.echo(f"{scenario}: valid — {len(s.nodes)} nodes, {len(s.services)} services, "
               f"{len(s.flows)} flows ({n_routes} routes), {len(s.targets)} targets")


def schema(
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of scenario files (for editor completion)."""
    from corridor_sim.scenario.models import Scenario

    text = json.dumps(Scenario.model_json_schema(by_alias=True), indent=2)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n")
        typer.echo(f"wrote {out}")
