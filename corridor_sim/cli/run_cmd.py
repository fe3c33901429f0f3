"""``corridor-sim run``: one simulation, a readable summary and the outputs."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from corridor_sim.cli.guard import guarded
from corridor_sim.cli.outputs import default_out


@guarded
def run(
    scenario: Path = typer.Argument(..., help="Scenario YAML file."),
    seed: int | None = typer.Option(None, "--seed", min=0, help="Random seed (default: run.seed)."),
    out: Path | None = typer.Option(None, "--out", help="Output directory "
                                    "(default runs/<scenario>/seed-<N>)."),
    set_: list[str] = typer.Option([], "--set", help="Override: dotted.path=value (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
    force: bool = typer.Option(False, "--force", help="Replace an existing --out directory."),
    fmt: str = typer.Option("parquet", "--format", help="Big tables (lots, legs, trips, daily) "
                            "as parquet, csv or both; small tables are always CSV."),
    no_write: bool = typer.Option(False, "--no-write", help="Print only; write no files."),
    plots: bool = typer.Option(False, "--plots", help="Write figures (PNG and SVG) in figures/."),
    geojson: bool = typer.Option(False, "--geojson", help="Write network.geojson (QGIS, kepler.gl)."),
) -> None:
    """Simulate a scenario once; print the summary and write tables to the output directory."""
    from corridor_sim import (
        TABLE_FORMATS,
        ParquetUnavailableError,
        check_output,
        load,
        require_parquet,
        simulate,
        write_results,
    )
    from corridor_sim.cli.guard import fail
    from corridor_sim.cli.summary import render_summary

    if fmt not in TABLE_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(TABLE_FORMATS)}",
                                 param_hint="--format")
    try:
        if fmt != "csv" and not no_write:
            require_parquet()
    except ParquetUnavailableError as exc:
        raise fail(str(exc)) from None
    s = load(scenario, overrides=set_)
    run_seed = s.run.seed if seed is None else seed
    target = out if out is not None else default_out(scenario, f"seed-{run_seed}")
    if out is not None and not no_write:
        check_output(out, force)  # refused before simulating; the write claims it atomically
    results = simulate(s, seed=run_seed)
    written = None if no_write else write_results(results, target, force=force, fmt=fmt,  # type: ignore[arg-type]
                                                  plots=plots, geojson=geojson)
    if as_json:
        payload = results.summary()
        payload["out"] = str(written) if written else None
        typer.echo(json.dumps(payload, indent=2, default=str))
    else:
        render_summary(results, written)
