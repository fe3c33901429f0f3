"""``corridor-sim report``: one self-contained HTML file of one or more scenarios."""

from __future__ import annotations

from pathlib import Path

import typer

from corridor_sim.cli.guard import guarded
from corridor_sim.cli.paths import scenario_paths


@guarded
def report(
    scenarios: list[Path] = typer.Argument(..., help="Scenario YAML files (the first is the base).",
                                       callback=scenario_paths),
    replications: int = typer.Option(1, "--replications", "-n", min=1,
                                     help="Runs per scenario (more: means, intervals, P(target))."),
    seed: int | None = typer.Option(None, "--seed", min=0, help="Root seed (default: run.seed)."),
    out: Path = typer.Option(Path("report.html"), "--out", help="HTML file to write."),
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --out file."),
    route_choice: bool = typer.Option(False, "--route-choice", help="Add a route-choice section: "
                                      "each scenario's congestion fixed point (logit shares), "
                                      "replicated and compared (as `corridor-sim choices`)."),
    choice_replications: int = typer.Option(10, "--choice-replications", min=2,
                                            help="With --route-choice: replications per scenario."),
    iterations: int = typer.Option(6, "--iterations", min=1,
                                   help="With --route-choice: fixed-point iterations at most."),
) -> None:
    """Simulate the scenarios and write one HTML report (figures, tables, targets, provenance)."""
    from corridor_sim import report as write_report
    from corridor_sim.cli.progress import enabled_by_default, progress

    total = len(scenarios) * replications
    with progress(f"simulating {len(scenarios)} scenario(s) × {replications}", total,
                  enabled_by_default(), unit="runs") as bar:
        choice = ({"replications": choice_replications, "iterations": iterations}
                  if route_choice else None)
        path = write_report(scenarios, out, replications=replications, seed=seed, overrides=set_,
                            force=force, on_run=bar.advance, route_choice=choice,
                            on_message=lambda line: typer.echo(line, err=True))
    typer.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, {len(scenarios)} scenario(s), "
               f"{replications} replication(s) each)")
