"""``corridor-sim run``: one simulation, a readable summary and the outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from corridor_sim.cli.guard import guarded
from corridor_sim.cli.outputs import default_out
from corridor_sim.cli.paths import ScenarioArg


@guarded
def run(
    scenario: ScenarioArg,
    seed: Annotated[int | None, typer.Option("--seed", min=0,
                                             help="Random seed (default: run.seed).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Output directory (default runs/<scenario>/seed-<N>).")] = None,
    set_: Annotated[list[str] | None, typer.Option(
        "--set", help="Override: dotted.path=value (repeatable).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --out directory.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="Big tables (lots, legs, trips, daily) as "
                                     "parquet, csv or both; small tables are always CSV.")] = "parquet",
    no_write: Annotated[bool, typer.Option("--no-write", help="Print only; write no files.")] = False,
    plots: Annotated[bool, typer.Option("--plots", help="Write figures (PNG and SVG) in figures/.")] = False,
    geojson: Annotated[bool, typer.Option(
        "--geojson", help="Write network.geojson (QGIS, kepler.gl).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
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
    from corridor_sim.cli.progress import enabled_by_default, progress
    from corridor_sim.cli.summary import render_summary

    if fmt not in TABLE_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose one of {', '.join(TABLE_FORMATS)}",
                                 param_hint="--format")
    try:
        if fmt != "csv" and not no_write:
            require_parquet()  # before simulating, not after
    except ParquetUnavailableError as exc:
        raise fail(str(exc)) from None
    overrides = list(set_ or [])
    s = load(scenario, overrides=overrides)
    run_seed = s.run.seed if seed is None else seed
    target = out if out is not None else default_out(scenario, f"seed-{run_seed}")
    if out is not None and not no_write:
        check_output(out, force)  # refused before simulating; the write claims it atomically
    days = s.run.horizon_days
    with progress(f"simulating {days:g} days", days, enabled_by_default(quiet or as_json),
                  unit="days") as bar:
        results = simulate(s, seed=run_seed, on_progress=bar.sim_days)
        results.meta.update(scenario_file=str(scenario), overrides=overrides)
        written = None
        if not no_write:
            bar.phase("writing outputs")
            written = write_results(results, target, force=force, fmt=fmt,  # type: ignore[arg-type]
                                    plots=plots, geojson=geojson)
    if as_json:
        payload = results.summary()
        payload["out"] = str(written) if written else None
        typer.echo(json.dumps(payload, indent=2, default=str))
    else:
        render_summary(results, written)
