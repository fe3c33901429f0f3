"""``corridor-sim calibrate``: fit the 2024 baseline to the record, check 2022, fit the storms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from corridor_sim.cli.guard import fail, guarded
from corridor_sim.cli.paths import scenario_path

DEFAULT_SCENARIO = Path("scenarios/baseline_2024.yaml")
DEFAULT_DOC = Path("docs/calibration.md")


@guarded
def calibrate(
    scenario: Path = typer.Argument(DEFAULT_SCENARIO, help="The scenario to calibrate.",
                                   callback=scenario_path),
    replications: int | None = typer.Option(
        None, "--replications", "-n", min=2,
        help="Replications per evaluation and per check (default: the spec's, 20)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Processes per evaluation."),
    write: bool = typer.Option(False, "--write", help="Regenerate the calibration document."),
    doc: Path = typer.Option(DEFAULT_DOC, "--doc", help="Where --write puts the document."),
    spec_file: Path | None = typer.Option(
        None, "--spec", help="Calibration spec YAML (default: the built-in 2024 spec)."),
    weather_only: bool = typer.Option(
        False, "--weather", help="Only fit the storm rates (analytical, no simulation)."),
    no_fit: bool = typer.Option(
        False, "--no-fit", help="Check the values in the files without fitting again."),
) -> None:
    """Fit uncertain parameters to the TITR record (common random numbers) and check them."""
    import dataclasses

    from corridor_sim import SPEC_2024, load, load_spec, most_evaluations, weather_fit, write_calibration
    from corridor_sim import calibrate as run_calibration
    from corridor_sim.cli.calibration_text import evaluation_line, report_text, weather_text
    from corridor_sim.cli.progress import enabled_by_default, progress

    spec = load_spec(spec_file) if spec_file is not None else SPEC_2024
    if replications is not None:
        spec = dataclasses.replace(spec, replications=replications)
    try:
        if weather_only:
            storms = weather_fit(load(scenario), spec)
            if storms is None:
                raise fail("the calibration spec has no weather target")
            typer.echo(weather_text(*storms))
            return
        count = iter(range(1, 10**9))
        most = 0 if no_fit else most_evaluations(len(spec.parameters))
        with progress(f"fitting {len(spec.parameters)} parameters (at most {most} evaluations of "
                      f"{spec.replications} runs), then checking", most or None,
                      enabled_by_default(), unit="evaluations") as bar:
            def on_evaluation(ev: Any) -> None:
                typer.echo(evaluation_line(next(count), ev), err=True)
                bar.advance()
            report = run_calibration(scenario, spec, refit=not no_fit, workers=workers,
                                     on_evaluation=on_evaluation,
                                     command=_command(scenario, spec_file, no_fit))
    except (KeyError, ValueError) as exc:
        raise fail(f"{scenario}: {exc.args[0] if exc.args else exc}") from None
    typer.echo(report_text(report))
    if write:
        typer.echo(f"wrote {write_calibration(report, doc)}")


def _command(scenario: Path, spec_file: Path | None, no_fit: bool) -> str:
    parts = ["corridor-sim calibrate", str(scenario)]
    if spec_file is not None:
        parts.append(f"--spec {spec_file}")
    if no_fit:
        parts.append("--no-fit")
    return " ".join([*parts, "--workers 2 --write"])
