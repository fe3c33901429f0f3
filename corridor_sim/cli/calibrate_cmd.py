"""``corridor-sim calibrate``: fit the 2024 baseline to the record, check it on other seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from corridor_sim.cli.guard import fail, guarded

DEFAULT_SCENARIO = Path("scenarios/baseline_2024.yaml")


@guarded
def calibrate(
    scenario: Path = typer.Argument(
        DEFAULT_SCENARIO, help="The scenario to calibrate (found in the package's source tree "
        "when the path does not exist here)."),
    replications: int | None = typer.Option(
        None, "--replications", "-n", min=2,
        help="Replications per evaluation and per check (default: the spec's, 20)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1,
                                help="1: in this process; more: a local Dask cluster."),
    scheduler: str | None = typer.Option(None, "--scheduler",
                                         help="Existing Dask scheduler (tcp://host:port)."),
    write: bool = typer.Option(False, "--write", help="Regenerate the calibration document "
                               "(stamped) and the fitted parameter distribution (package data "
                               "for the default document, else beside it)."),
    doc: Path | None = typer.Option(None, "--doc", help="Where --write puts the document "
                                    "(default: docs/calibration.md of the source tree)."),
    spec_file: Path | None = typer.Option(
        None, "--spec", help="Calibration spec YAML (default: the built-in 2024 spec)."),
    weather_only: bool = typer.Option(
        False, "--weather", help="Only fit the storm rates (analytical, no simulation)."),
    no_fit: bool = typer.Option(
        False, "--no-fit", help="Check the values in the files without fitting again."),
    no_identify: bool = typer.Option(
        False, "--no-identify", help="With --no-fit: skip the parameter intervals (saves "
        "p + 1 evaluations on the fit's seeds)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Fit uncertain parameters to the TITR record on one seed root; check on another."""
    import dataclasses

    from corridor_sim import SPEC_2024, find_scenario, load, load_spec, weather_fit, write_calibration
    from corridor_sim import calibrate as run_calibration
    from corridor_sim.cli.calibration_text import evaluation_line, report_text, weather_text
    from corridor_sim.cli.progress import replication_bar

    spec = load_spec(spec_file) if spec_file is not None else SPEC_2024
    if replications is not None:
        spec = dataclasses.replace(spec, replications=replications)
    path = find_scenario(scenario)
    if weather_only:
        storms = weather_fit(load(path), spec)
        if storms is None:
            raise fail("the calibration spec has no weather target")
        typer.echo(weather_text(*storms))
        return
    count = iter(range(1, 10**9))
    show = not quiet and sys.stderr.isatty()
    try:
        with replication_bar("calibration runs (at most)", show) as bar:
            report = run_calibration(
                path, spec, refit=not no_fit, workers=workers, scheduler=scheduler, progress=bar,
                identify_parameters=not no_identify,
                on_evaluation=None if show else
                lambda ev: typer.echo(evaluation_line(next(count), ev), err=True),
                command=_command(scenario, spec_file, no_fit, spec.replications, no_identify))
    except (KeyError, ValueError) as exc:
        raise fail(f"{scenario}: {exc.args[0] if exc.args else exc}") from None
    typer.echo(report_text(report))
    if write:
        page, fit_file = write_calibration(report, doc, distribution=True)
        typer.echo(f"wrote {page}" + (f" and {fit_file}" if fit_file else ""))


def _command(scenario: Path, spec_file: Path | None, no_fit: bool, replications: int,
             no_identify: bool = False) -> str:
    parts = ["corridor-sim calibrate", str(scenario)]
    if spec_file is not None:
        parts.append(f"--spec {spec_file}")
    if no_fit:
        parts.append("--no-fit")
    if no_identify:
        parts.append("--no-identify")
    return " ".join([*parts, f"-n {replications} --workers 2 --write"])
