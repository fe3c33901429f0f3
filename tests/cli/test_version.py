"""``corridor-sim --version`` is eager: it needs no command."""

from __future__ import annotations

from typer.testing import CliRunner

import corridor_sim
from corridor_sim.cli.app import app


def test_version_without_command() -> None:
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0, res.output
    assert res.output.strip() == f"corridor-sim {corridor_sim.__version__}"


def test_no_arguments_still_shows_help() -> None:
    res = CliRunner().invoke(app, [])
    assert "Usage" in res.output and "run" in res.output
