"""``corridor-sim validate`` and ``corridor-sim schema``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from corridor_sim.cli.guard import guarded
from corridor_sim.cli.paths import ScenarioArg


@guarded
def validate(
    scenario: ScenarioArg,
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
) -> None:
    """Check a scenario (schema, names, routes) without simulating it."""
    from corridor_sim import validate as check

    v = check(scenario, overrides=set_)
    s = v.scenario
    typer.echo(f"{scenario}: valid — {len(s.nodes)} nodes, {len(s.services)} services, "
               f"{len(s.flows)} flows ({v.n_routes} routes), {len(s.targets)} targets")


def schema(
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of scenario files complete or overlays (for editor completion)."""
    from corridor_sim import scenario_schema

    text = json.dumps(scenario_schema(), indent=2)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")
