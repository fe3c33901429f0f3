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
    from corridor_sim import validate as check

    v = check(scenario, overrides=set_)
    s = v.scenario
    typer.echo(f"{scenario}: valid — {len(s.nodes)} nodes, {len(s.services)} services, "
               f"{len(s.flows)} flows ({v.n_routes} routes), {len(s.targets)} targets")


def schema(
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of scenario files (for editor completion)."""
    from corridor_sim import scenario_schema

    text = json.dumps(scenario_schema(), indent=2)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n")
        typer.echo(f"wrote {out}")
