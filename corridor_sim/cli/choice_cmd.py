"""``corridor-sim equilibrate`` and ``corridor-sim choices``: route choice under congestion."""

from __future__ import annotations

from pathlib import Path

import typer

from corridor_sim.cli.guard import fail, guarded

DEFAULT_INTRO = Path("docs/bulgaria_intro.md")


@guarded
def equilibrate(
    scenario: Path = typer.Argument(..., help="A scenario with flows whose route is a choice."),
    replications: int = typer.Option(2, "--replications", "-n", min=1,
                                     help="Replications per iteration."),
    iterations: int = typer.Option(8, "--iterations", min=1, help="Most iterations."),
    tol: float = typer.Option(0.02, "--tol", min=0.0, help="Stop below this share residual."),
    seed: int | None = typer.Option(None, "--seed", help="Root seed (default: the scenario's)."),
) -> None:
    """Find the route shares at the congestion fixed point (method of successive averages)."""
    from corridor_sim import equilibrate as run
    from corridor_sim import load

    s = load(scenario)
    try:
        a = run(s, replications, iterations, tol, seed,
                on_iteration=lambda k, g: typer.echo(f"iteration {k}: gap {g:.4f}", err=True))
    except ValueError as exc:
        raise fail(f"{scenario}: {exc}") from None
    for flow, shares in a.shares.items():
        typer.echo(flow)
        for route, share in shares.items():
            typer.echo(f"  {share:7.2%}  {route}")
    typer.echo("converged" if a.converged else f"not converged (last gap {a.gaps[-1]:.4f})")


@guarded
def choices(
    scenarios: list[Path] = typer.Argument(..., help="Scenarios; the first is the reference."),
    replications: int = typer.Option(10, "--replications", "-n", min=2,
                                     help="Replications per scenario at its fixed point."),
    eq_replications: int = typer.Option(2, "--eq-replications", min=1,
                                        help="Replications per fixed-point iteration."),
    iterations: int = typer.Option(8, "--iterations", min=1, help="Most fixed-point iterations."),
    seed: int = typer.Option(1000, "--seed", help="Root seed of the replications."),
    write: Path | None = typer.Option(None, "--write", help="Write the Markdown document here."),
    intro: Path = typer.Option(DEFAULT_INTRO, "--intro", help="Prose put before the tables."),
) -> None:
    """Compare route-choice scenarios at their fixed points: shares, time, cost, CO2e, capacity."""
    from corridor_sim import compare_choice, package_version, write_document
    from corridor_sim.cli.choice_text import render_doc, summary_table

    c = compare_choice(scenarios, replications, seed, eq_replications, iterations,
                       progress=lambda msg: typer.echo(msg, err=True))
    typer.echo(summary_table(c))
    if write is not None:
        text = intro.read_text(encoding="utf-8") if intro.exists() else "# Route choice\n"
        command = " ".join(["corridor-sim choices", *map(str, scenarios),
                            f"-n {replications} --eq-replications {eq_replications}",
                            f"--iterations {iterations} --seed {seed} --write {write}"])
        write_document(render_doc(c, text, command, package_version()), write)
        typer.echo(f"wrote {write}")
