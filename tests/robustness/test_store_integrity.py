"""The replication store never trusts its files (issue 16, point 3).

Each stored replication is checked against the manifest on ``--resume``: its index
(file name), seed, scenario hash and checksum; missing, empty or ragged KPI columns are
refused with the file's name — never a traceback, never silently used.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corridor_sim.cli.app import app

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An experiment of three replications, stored once for the module."""
    out = tmp_path_factory.mktemp("exp") / "exp"
    res = runner.invoke(app, ["experiment", str(BASE), "-n", "3", "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    return out


def copy_of(stored: Path, tmp_path: Path) -> Path:
    out = tmp_path / "exp"
    shutil.copytree(stored, out)
    return out


def rep(out: Path, i: int) -> Path:
    return out / "replications" / f"rep-{i:06d}.json"


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def resume(out: Path, *extra: str) -> tuple[int, str, str]:
    res = runner.invoke(app, ["experiment", str(BASE), "-n", "3", "--out", str(out),
                              "--resume", "-q", *extra])
    assert "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.stdout, res.stderr


def test_intact_store_resumes_with_nothing_to_compute(stored: Path, tmp_path: Path) -> None:
    code, out, _ = resume(copy_of(stored, tmp_path))
    assert code == 0 and "0 computed, 3 resumed" in out


def test_file_sealed_with_hash_seed_and_checksum(stored: Path) -> None:
    data = json.loads(rep(stored, 1).read_text())
    manifest = json.loads((stored / "manifest.json").read_text())
    assert data["replication"] == 1 and data["seed"] == f"{manifest['root_seed']}/1"
    assert data["scenario_hash"] == manifest["scenario_hash"]
    assert len(data["checksum"]) == 64


def swap_index(d: dict[str, Any]) -> None:
    d["replication"] = 2


def tamper_value(d: dict[str, Any]) -> None:
    d["kpis"]["value"][0] = d["kpis"]["value"][0] + 1000.0


def empty_kpis(d: dict[str, Any]) -> None:
    d["kpis"] = {}


def ragged_kpis(d: dict[str, Any]) -> None:
    d["kpis"]["value"] = d["kpis"]["value"][:-1]


def other_scenario(d: dict[str, Any]) -> None:
    d["scenario_hash"] = "0" * 16


def other_seed(d: dict[str, Any]) -> None:
    d["seed"] = "0/7"


def text_value(d: dict[str, Any]) -> None:
    d["kpis"]["value"][0] = "12"


def no_checksum(d: dict[str, Any]) -> None:
    del d["checksum"]


CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "index": (swap_index, "it holds replication 2, its name says 1"),
    "value": (tamper_value, "checksum does not match"),
    "empty-kpis": (empty_kpis, "kpis must have the columns"),
    "ragged-kpis": (ragged_kpis, "different lengths"),
    "scenario": (other_scenario, "scenario hash"),
    "seed": (other_seed, "its seed is '0/7'"),
    "text-value": (text_value, "not a number"),
    "checksum-missing": (no_checksum, "missing checksum"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_altered_replication_is_refused_naming_the_file(stored: Path, tmp_path: Path,
                                                        case: str) -> None:
    out = copy_of(stored, tmp_path)
    change, fragment = CASES[case]
    edit(rep(out, 1), change)
    code, _, err = resume(out)
    assert code == 2, err
    assert "rep-000001.json" in err and fragment in err and "resume" in err, err


def test_copied_file_under_another_name_is_refused(stored: Path, tmp_path: Path) -> None:
    out = copy_of(stored, tmp_path)
    shutil.copy(rep(out, 0), rep(out, 2))
    code, _, err = resume(out)
    assert code == 2 and "rep-000002.json" in err and "its name says 2" in err


def test_deleting_the_bad_file_recomputes_it_identically(stored: Path, tmp_path: Path) -> None:
    out = copy_of(stored, tmp_path)
    before = json.loads(rep(out, 1).read_text())
    edit(rep(out, 1), tamper_value)
    assert resume(out)[0] == 2
    rep(out, 1).unlink()
    code, text, _ = resume(out)
    assert code == 0 and "1 computed, 2 resumed" in text
    assert json.loads(rep(out, 1).read_text()) == before


def test_not_json_is_refused(stored: Path, tmp_path: Path) -> None:
    out = copy_of(stored, tmp_path)
    rep(out, 0).write_text("[1, 2")
    code, _, err = resume(out)
    assert code == 2 and "rep-000000.json" in err


def test_temporaries_of_a_killed_experiment_are_swept_on_resume(stored: Path,
                                                                 tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from corridor_sim.io.atomic import temp_name
    out = copy_of(stored, tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    debris = out / "replications" / temp_name("rep-000002.json").replace(
        f"-{os.getpid()}-", f"-{proc.pid}-")
    debris.write_text('{"replication": 2')
    assert resume(out)[0] == 0
    assert not debris.exists()
    assert sorted(p.name for p in (out / "replications").iterdir()) == [
        f"rep-{i:06d}.json" for i in range(3)]
