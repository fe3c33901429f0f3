"""The default worker count: in-process on small machines or few replications, the reason printed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import corridor_sim.experiments.workers as workers  # patched where auto_workers reads it
from corridor_sim.cli.app import app
from corridor_sim.experiments.workers import auto_workers
from tests.conftest import TINY


def test_two_cores_run_in_process() -> None:
    n, reason = auto_workers(200, cpus=2)
    assert n == 1 and reason.startswith("in-process: 2 CPUs available")


def test_few_replications_run_in_process() -> None:
    n, reason = auto_workers(5, cpus=16)
    assert n == 1 and "5 replications are too few" in reason


def test_many_cores_and_replications_use_dask_leaving_one_cpu() -> None:
    assert auto_workers(200, cpus=16)[0] == 15
    assert auto_workers(20, cpus=16)[0] == 5  # at least 4 replications per worker


def test_cli_prints_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "available_cpus", lambda: 2)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(TINY))
    res = CliRunner().invoke(app, ["experiment", str(path), "-n", "2", "--no-write", "-q"])
    assert res.exit_code == 0, res.output
    assert "workers: in-process: 2 CPUs available" in res.output
    assert "on 1 worker " in res.output
    res = CliRunner().invoke(app, ["experiment", str(path), "-n", "2", "--no-write", "-q", "-w", "1"])
    assert "workers:" not in res.output  # chosen by the user: nothing to explain
