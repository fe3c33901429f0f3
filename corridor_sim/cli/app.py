"""The ``corridor-sim`` command: sub-commands are registered here, implemented beside it.

Heavy libraries (pandas, simpy, matplotlib) are imported inside the commands so
that ``corridor-sim --help`` starts fast.
"""

from __future__ import annotations

import typer

from corridor_sim.cli import (
    calibrate_cmd,
    capacity_cmd,
    choice_cmd,
    experiment_cmd,
    report_cmd,
    run_cmd,
    validate_cmd,
)

app = typer.Typer(
    name="corridor-sim",
    help="Simulate the Middle Corridor (Trans-Caspian International Transport Route).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("run")(run_cmd.run)
app.command("validate")(validate_cmd.validate)
app.command("schema")(validate_cmd.schema)
app.command("experiment")(experiment_cmd.experiment)
app.command("sweep")(experiment_cmd.sweep)
app.command("compare")(experiment_cmd.compare)
app.command("report")(report_cmd.report)
app.command("capacity")(capacity_cmd.capacity)
app.command("calibrate")(calibrate_cmd.calibrate)
app.command("equilibrate")(choice_cmd.equilibrate)
app.command("choices")(choice_cmd.choices)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    """Simulate the Middle Corridor: volumes, transit times, costs, bottlenecks, targets."""
    if version:
        from corridor_sim import __version__
        typer.echo(__version__)
        raise typer.Exit()


def main() -> None:
    """Console-script entry point."""
    app()
