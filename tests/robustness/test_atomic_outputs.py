"""Outputs are all or nothing: failures and Ctrl-C leave a complete directory or none, no debris."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import corridor_sim.api
from corridor_sim.cli.app import app
from corridor_sim.io.atomic import MARKER
from corridor_sim.results.export import OutputExistsError, atomic_directory
from corridor_sim.results.formats import file_names

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
TABLES = ("lots", "legs", "trips", "nodes_daily", "edges_daily", "kpis", "targets", "conservation",
          "monthly")
runner = CliRunner()


def listing(folder: Path) -> dict[str, list[str]]:
    """Every entry under ``folder`` (hidden ones included), per directory."""
    return {str(Path(d).relative_to(folder)): sorted(dirs + files)
            for d, dirs, files in os.walk(folder)}


def filler(n_files: int, fail_at: int | None = None,
           exc: type[BaseException] = RuntimeError) -> Callable[[Path], None]:
    """A ``fill`` that writes ``n_files`` files and raises ``exc`` before file ``fail_at``."""
    def fill(tmp: Path) -> None:
        for i in range(n_files):
            if i == fail_at:
                raise exc("stop")
            (tmp / f"f{i}.csv").write_text(f"{i}\n")
    return fill


def previous_output(tmp_path: Path) -> Path:
    """An earlier output of the tool: ``keep.txt`` and the marker."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous run")
    (out / MARKER).write_text('{"tool": "corridor-sim", "kind": "run"}\n')
    return out


@pytest.mark.parametrize("exc", [RuntimeError, OSError, KeyboardInterrupt])
def test_failure_mid_write_leaves_nothing(tmp_path: Path, exc: type[BaseException]) -> None:
    with pytest.raises(exc):
        atomic_directory(tmp_path / "out", filler(5, fail_at=3, exc=exc))
    assert listing(tmp_path) == {".": []}


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
def test_failure_with_force_keeps_previous_output(tmp_path: Path,
                                                  exc: type[BaseException]) -> None:
    out = previous_output(tmp_path)
    before = listing(tmp_path)
    with pytest.raises(exc):
        atomic_directory(out, filler(5, fail_at=2, exc=exc), force=True)
    assert listing(tmp_path) == before
    assert (out / "keep.txt").read_text() == "previous run"


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = previous_output(tmp_path)
    before = listing(tmp_path)
    with pytest.raises(OutputExistsError, match="--force"):
        atomic_directory(out, filler(2))
    assert listing(tmp_path) == before


def test_force_replaces_whole_directory_without_debris(tmp_path: Path) -> None:
    out = previous_output(tmp_path)
    assert atomic_directory(out, filler(3), force=True) == out
    assert listing(tmp_path) == {".": ["out"], "out": [MARKER, "f0.csv", "f1.csv", "f2.csv"]}


def test_force_refuses_to_replace_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("not a directory")
    with pytest.raises(OutputExistsError, match="not written by corridor-sim"):
        atomic_directory(out, filler(1), force=True)
    assert out.read_text() == "not a directory"
    assert listing(tmp_path) == {".": ["out"]}


def test_interrupt_between_the_renames_restores_previous_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path)
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: object, dst: object) -> None:
        calls.append(str(src))
        if len(calls) == 2:  # the old output is aside, the new one not yet in place
            raise KeyboardInterrupt
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        atomic_directory(out, filler(2), force=True)
    assert listing(tmp_path) == {".": ["out"], "out": [MARKER, "keep.txt"]}


def test_new_parent_directories_are_created(tmp_path: Path) -> None:
    out = tmp_path / "runs" / "s" / "seed-1"
    atomic_directory(out, filler(1))
    assert listing(tmp_path / "runs" / "s") == {".": ["seed-1"], "seed-1": [MARKER, "f0.csv"]}


# -- the command line -----------------------------------------------------------


def run_cli(tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["run", str(BASE), "--out", str(tmp_path / "out"), *extra])
    assert "Traceback" not in res.output
    return res.exit_code, res.stdout, res.stderr


def test_cli_writes_a_complete_directory(tmp_path: Path) -> None:
    code, _, _ = run_cli(tmp_path)
    assert code == 0
    names = set(os.listdir(tmp_path / "out"))
    assert {f for t in TABLES for f in file_names(t)} | {"summary.json", "scenario.yaml"} <= names
    assert os.listdir(tmp_path) == ["out"]
    resolved = yaml.safe_load((tmp_path / "out" / "scenario.yaml").read_text())
    assert resolved["name"] == "base"


def test_ctrl_c_during_simulation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(corridor_sim.api, "simulate", interrupted)
    code, _, err = run_cli(tmp_path)
    assert code == 130 and "interrupted" in err
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("fail_at", [0, 3, 7])
def test_ctrl_c_during_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int) -> None:
    real = pd.DataFrame.to_csv
    calls: list[int] = []

    def to_csv(self: pd.DataFrame, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) > fail_at:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    code, _, err = run_cli(tmp_path, "--format", "both")  # 8 CSV files: each point is reached
    assert code == 130 and "interrupted" in err
    assert os.listdir(tmp_path) == []


def test_ctrl_c_during_forced_write_keeps_previous(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = previous_output(tmp_path)

    def to_csv(self: pd.DataFrame, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    code, _, _ = run_cli(tmp_path, "--force")
    assert code == 130
    assert listing(tmp_path) == {".": ["out"], "out": [MARKER, "keep.txt"]}
    assert (out / "keep.txt").read_text() == "previous run"


def test_existing_out_is_refused_before_simulating(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    previous_output(tmp_path)

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated although the output exists")
    monkeypatch.setattr(corridor_sim.api, "simulate", must_not_run)
    code, _, err = run_cli(tmp_path)
    assert code == 2 and "--force" in err and "out" in err
    assert listing(tmp_path) == {".": ["out"], "out": [MARKER, "keep.txt"]}


def test_ctrl_c_after_the_write_leaves_complete_output(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import corridor_sim.cli.summary as summary

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(summary, "render_summary", interrupted)
    code, _, err = run_cli(tmp_path)
    assert code == 130
    assert "no partial output" in err and "complete or absent" in err
    assert {f for t in TABLES for f in file_names(t)} <= set(os.listdir(tmp_path / "out"))
