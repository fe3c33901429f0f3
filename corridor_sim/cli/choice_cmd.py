"""``corridor-sim equilibrate`` and ``corridor-sim choices``: route choice under congestion."""

from __future__ import annotations

from pathlib import Path

import typer

from corridor_sim.cli.guard import fail, guarded


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


def _command(scenarios: list[Path], replications: int, eq_replications: int, iterations: int,
             seed: int, scales: list[float], scale_replications: int, intro: Path | None,
             write: Path | None, html: Path | None) -> str:
    """The command line that reproduces the page (quoted on it)."""
    words = ["corridor-sim choices", *map(str, scenarios),
             f"-n {replications} --eq-replications {eq_replications}",
             f"--iterations {iterations} --seed {seed}"]
    words += [f"--sensitivity-scale {x:g}" for x in scales]
    if scales:
        words.append(f"--sensitivity-replications {scale_replications}")
    words += [f"--intro {intro}"] if intro is not None else []
    words += [f"--write {write}"] if write is not None else []
    words += [f"--html {html}"] if html is not None else []
    return " ".join(words)


@guarded
def choices(
    scenarios: list[Path] = typer.Argument(..., help="Scenarios; the first is the reference."),
    replications: int = typer.Option(10, "--replications", "-n", min=2,
                                     help="Replications per scenario at its fixed point."),
    eq_replications: int = typer.Option(2, "--eq-replications", min=1,
                                        help="Replications per fixed-point iteration."),
    iterations: int = typer.Option(8, "--iterations", min=1, help="Most fixed-point iterations."),
    seed: int = typer.Option(1000, "--seed", help="Root seed of the replications."),
    scales: list[float] = typer.Option(
        [], "--sensitivity-scale",
        help="Also simulate the last scenario at this logit scale θ per USD/t (repeatable)."),
    scale_replications: int = typer.Option(3, "--sensitivity-replications", min=2,
                                           help="Replications per simulated scale."),
    write: Path | None = typer.Option(None, "--write", help="Write the stamped Markdown page here."),
    html: Path | None = typer.Option(None, "--html", help="Write the HTML report section here."),
    intro: Path | None = typer.Option(None, "--intro", help="Prose put before the tables "
                                      "(default: intro.md beside the first scenario)."),
) -> None:
    """Compare route-choice scenarios at their fixed points: shares, time, cost, CO2e, capacity."""
    from corridor_sim import choice_summary_table, compare_choice, write_choice_html, write_choice_page

    prose = intro if intro is not None else scenarios[0].parent / "intro.md"
    if any(not x > 0 for x in scales):
        raise fail("--sensitivity-scale takes a positive logit scale θ per USD/t, e.g. 0.05")
    if intro is not None and not intro.is_file():
        raise fail(f"{intro}: no such intro file (--intro takes a Markdown file)")
    c = compare_choice(scenarios, replications, seed, eq_replications, iterations,
                       progress=lambda msg: typer.echo(msg, err=True),
                       sensitivity_scales=scales, sensitivity_replications=scale_replications)
    typer.echo(choice_summary_table(c))
    command = _command(scenarios, replications, eq_replications, iterations, seed, scales,
                       scale_replications, intro, write, html)
    try:
        if write is not None:
            text = prose.read_text(encoding="utf-8") if prose.is_file() else "# Route choice\n"
            typer.echo(f"wrote {write_choice_page(c, write, text, command)}")
        if html is not None:
            typer.echo(f"wrote {write_choice_html(c, html, command=command)}")
    except ValueError as exc:
        raise fail(str(exc)) from None
