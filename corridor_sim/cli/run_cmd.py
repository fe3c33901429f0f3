"""``corridor-sim run``: one simulation, a readable summary and the outputs."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from corridor_sim.cli.guard import guarded


def default_out(scenario: Path, seed: int) -> Path:
    """``runs/<stem>/seed-<seed>``, with a suffix if that already exists (never overwritten)."""
    base = Path("runs") / scenario.stem / f"seed-{seed}"
    candidate, k = base, 1
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{k}")
        k += 1
    return candidate


@guarded
def run(
    scenario: Path = typer.Argument(..., help="Scenario YAML file."),
    seed: int | None = typer.Option(None, "--seed", min=0, help="Random seed (default: run.seed)."),
    out: Path | None = typer.Option(None, "--out", help="Output directory "
                                    "(default runs/<scenario>/seed-<N>)."),
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --out directory."),
    parquet: bool = typer.Option(False, "--parquet", help="Write Parquet beside the CSV files."),
    no_write: bool = typer.Option(False, "--no-write", help="Print only; write no files."),
    plots: bool = typer.Option(False, "--plots", help="Write figures (PNG and SVG) in figures/."),
    geojson: bool = typer.Option(False, "--geojson", help="Write network.geojson (QGIS, kepler.gl)."),
) -> None:
    """Simulate a scenario once; print the summary and write tables to the output directory."""
    from corridor_sim import load_scenario, simulate
    from corridor_sim.cli.summary import render_summary
    from corridor_sim.io.atomic import check_output
    from corridor_sim.plots.outputs import run_extras
    from corridor_sim.results.export import write_results

    s = load_scenario(scenario, overrides=set_)
    run_seed = s.run.seed if seed is None else seed
    target = out if out is not None else default_out(scenario, run_seed)
    if out is not None and not no_write:
        check_output(out, force)  # refused before simulating; the write claims it atomically
    results = simulate(s, seed=run_seed)
    extra = run_extras(results, plots=plots, geojson=geojson)
    written = None if no_write else write_results(results, target, force=force, parquet=parquet,
                                                  extra=extra)
    if as_json:
        payload = results.summary()
        payload["out"] = str(written) if written else None
        typer.echo(json.dumps(payload, indent=2, default=str))
    else:
        render_summary(results, written)
