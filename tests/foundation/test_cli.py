"""The command line: CliRunner and a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.results.formats import file_names
from tests.conftest import TINY

runner = CliRunner()


def scenario(tmp_path: Path, doc: dict | None = None) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc or TINY))
    return path


def test_run_writes_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out), "--seed", "4"])
    assert res.exit_code == 0, res.output
    assert "cargo conservation: ok" in res.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["meta"]["seed"] == 4 and len(summary["meta"]["scenario_hash"]) == 16
    for table in ("lots", "legs", "trips", "nodes_daily", "edges_daily", "kpis", "targets"):
        assert [(out / f).exists() for f in file_names(table)] == [True]


def test_existing_out_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out)]).exit_code == 0
    (out / "keep.txt").write_text("added to an earlier output")
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out)])
    assert res.exit_code == 2 and "--force" in res.output
    assert (out / "keep.txt").exists()
    # --force replaces an earlier output of the tool (never a folder it did not write:
    # tests/robustness/test_output_claims.py)
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--out", str(out), "--force"])
    assert res.exit_code == 0 and not (out / "keep.txt").exists()


def test_json_summary(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--json", "--no-write"])
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["flows"]["f"]["throughput_teu"] > 0


def test_misspelt_key_exit_2_no_traceback(tmp_path: Path) -> None:
    doc = {**TINY, "nodes": {**TINY["nodes"], "b": {**TINY["nodes"]["b"], "bearths": 2}}}
    res = runner.invoke(app, ["run", str(scenario(tmp_path, doc))])
    assert res.exit_code == 2
    assert "nodes.b.bearths" in res.output and "did you mean 'berths'?" in res.output
    assert "Traceback" not in res.output


def test_validate_and_schema(tmp_path: Path) -> None:
    res = runner.invoke(app, ["validate", str(scenario(tmp_path))])
    assert res.exit_code == 0 and "valid" in res.output
    res = runner.invoke(app, ["schema"])
    schema = json.loads(res.output)
    assert "services" in schema["properties"]


def test_subprocess_entry_point(tmp_path: Path) -> None:
    doc = {**TINY, "services": {"ab": {**TINY["services"]["ab"], "form": "a"}}}
    proc = subprocess.run(
        [sys.executable, "-m", "corridor_sim", "validate", str(scenario(tmp_path, doc))],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "services.ab.form" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "corridor_sim", "run", str(scenario(tmp_path)),
                           "--out", str(tmp_path / "o")], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o" / "summary.json").exists()


def test_json_summary_has_whole_run_totals(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(scenario(tmp_path)), "--json", "--no-write"])
    total = json.loads(res.output)["total"]
    assert total["transport_tkm"] > 0 and total["emissions_t_co2e"] > 0
