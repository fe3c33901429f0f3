"""``corridor-sim run`` as a newcomer meets it: missing extras, progress, permissions, provenance."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from corridor_sim import load_scenario, simulate
from corridor_sim.cli.app import app
from corridor_sim.cli.progress import progress
from tests.conftest import TINY

runner = CliRunner()


def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(TINY))
    return path


def test_missing_pyarrow_says_what_to_install_before_simulating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow → ImportError
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out)])  # Parquet by default
    assert res.exit_code == 2
    assert "writing Parquet needs pyarrow" in res.output and "--format csv" in res.output
    assert "pip install pyarrow" in res.output and "Traceback" not in res.output
    assert not out.exists()


BLOCK_PYARROW = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
from corridor_sim.cli.app import main
sys.argv = ["corridor-sim", *sys.argv[1:]]
main()
"""


def test_format_csv_runs_in_a_process_where_pyarrow_cannot_be_imported(tmp_path: Path) -> None:
    # a fresh interpreter: nothing imported earlier in the suite can hide an import of pyarrow
    import subprocess

    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", BLOCK_PYARROW, "run", str(scenario(tmp_path)),
                           "--format", "csv", "--out", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    names = {p.name for p in out.iterdir()}
    assert {"lots.csv", "legs.csv", "trips.csv", "kpis.csv", "conservation.csv"} <= names
    assert not [n for n in names if n.endswith(".parquet")]


def test_missing_distributed_says_what_to_install(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    res = runner.invoke(app, ["experiment", str(scenario(tmp_path)), "-n", "2", "--workers", "2",
                              "--no-write"])
    assert res.exit_code == 2, res.output
    assert "'distributed'" in res.output and 'pip install "dask[distributed]"' in res.output


def test_set_overrides_are_in_the_provenance(tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = scenario(tmp_path)
    res = runner.invoke(app, ["run", str(path), "--out", str(out),
                              "--set", "services.ab.fleet.vehicles=2"])
    assert res.exit_code == 0, res.output
    meta = json.loads((out / "summary.json").read_text())["meta"]
    assert meta["overrides"] == ["services.ab.fleet.vehicles=2"]
    assert meta["scenario_file"] == str(path)


def test_outputs_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out)])
    finally:
        os.umask(old)
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o755  # was 0700 from mkdtemp
    assert stat.S_IMODE((out / "summary.json").stat().st_mode) == 0o644


def test_simulated_time_and_computer_time_are_told_apart(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--no-write"])
    assert res.exit_code == 0, res.output
    assert "5 simulated days" in res.output and "computed in" in res.output
    assert "s simulated" not in res.output


def test_progress_callback_reaches_the_horizon_and_changes_nothing() -> None:
    doc = {**TINY, "run": {"start": "2025-01-01", "horizon_days": 400}}
    s = load_scenario_doc(doc)
    seen: list[tuple[float, float]] = []
    with_bar = simulate(s, seed=3, on_progress=lambda now, end: seen.append((now, end)))
    plain = simulate(s, seed=3)
    assert seen and all(end == 400 * 24 for _, end in seen)
    assert [now for now, _ in seen] == sorted(now for now, _ in seen)
    assert with_bar.meta["events"] == plain.meta["events"]
    assert with_bar.lots.equals(plain.lots)


def load_scenario_doc(doc: dict) -> object:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "s.yaml"
        path.write_text(yaml.safe_dump(doc))
        return load_scenario(path)


def test_progress_bar_shows_count_and_eta() -> None:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=100, color_system=None)
    with progress("simulating 365 days", 365, console=console, unit="days") as bar:
        assert bar.bar is not None
        bar.update(100, 365)
        bar.bar.refresh()
        bar.phase("writing outputs")
        bar.bar.refresh()
    text = buf.getvalue()
    assert "simulating 365 days" in text and "100/365 days" in text and "ETA" in text
    assert "writing outputs" in text
