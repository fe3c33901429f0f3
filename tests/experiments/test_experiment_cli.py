"""The experiment, sweep and compare commands through typer's CliRunner."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import corridor_sim.experiments as experiments
import corridor_sim.experiments.replications as reps
from corridor_sim.cli.app import app

from .conftest import KNOWN, PORT, doc

runner = CliRunner()


def write(tmp_path: Path, name: str, document: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def invoke(*args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def test_experiment_prints_target_probabilities_and_stores_tables(tmp_path: Path) -> None:
    path, out = write(tmp_path, "known.yaml", KNOWN), tmp_path / "o"
    res = invoke("experiment", path, "-n", 5, "--seed", 1, "--out", out, "--quiet")
    assert res.exit_code == 0, res.output
    assert "P(teu ≥ 36,500 TEU)" in res.output and "P(fast ≤ 0.9 days)" in res.output
    assert "5 replications, root seed 1 (5 computed, 0 resumed)" in res.output
    targets = pd.read_csv(out / "targets.csv")
    assert targets["target"].tolist() == ["teu", "fast"] and (targets["n"] == 5).all()
    kpis = pd.read_csv(out / "kpis.csv")
    assert sorted(kpis["replication"].unique()) == [0, 1, 2, 3, 4]
    assert len(list((out / "replications").glob("rep-*.json"))) == 5


def test_resume_from_the_command_line(tmp_path: Path) -> None:
    path, out = write(tmp_path, "known.yaml", KNOWN), tmp_path / "o"
    assert invoke("experiment", path, "-n", 3, "--out", out, "-q").exit_code == 0
    res = invoke("experiment", path, "-n", 3, "--out", out, "-q")
    assert res.exit_code == 2 and "add --resume" in res.output
    res = invoke("experiment", path, "-n", 5, "--out", out, "-q", "--resume")
    assert res.exit_code == 0 and "(2 computed, 3 resumed)" in res.output
    res = invoke("experiment", path, "-n", 5, "--out", out, "-q", "--resume", "--seed", 99)
    assert res.exit_code == 2 and "root seed is 11, this experiment's is 99" in res.output
    res = invoke("experiment", path, "-n", 5, "--out", out, "-q", "--resume",
                 "--set", "flows.f.annual_teu=1000")
    assert res.exit_code == 2 and "scenario hash" in res.output


def test_resume_with_another_parameter_uncertainty_exits_2_and_keeps_the_run(tmp_path: Path) -> None:
    path, out = write(tmp_path, "known.yaml", KNOWN), tmp_path / "o"
    assert invoke("experiment", path, "-n", 2, "--out", out, "-q").exit_code == 0
    stored = sorted(p.read_bytes() for p in out.rglob("*") if p.is_file())
    res = invoke("experiment", path, "-n", 3, "--out", out, "-q", "--resume", "--parameter-uncertainty")
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "parameter uncertainty is none (run without --parameter-uncertainty)" in res.output
    assert sorted(p.read_bytes() for p in out.rglob("*") if p.is_file()) == stored


def test_the_replication_bar_shows_count_rate_and_eta() -> None:
    from rich.console import Console

    from corridor_sim.cli.progress import replication_bar

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=100, color_system=None)
    with replication_bar("replications", console=console) as bar:
        assert bar is not None
        for done in (3, 4, 5):
            bar(done, 7)
    text = buf.getvalue()
    assert "replications" in text and "5/7" in text and "rep/" in text and "ETA" in text
    with replication_bar(enabled=False) as off:
        assert off is None


def test_default_output_directory_and_resume(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, "known.yaml", KNOWN)
    assert invoke("experiment", path, "-n", 1, "-q").exit_code == 0
    assert invoke("experiment", path, "-n", 1, "-q").exit_code == 0
    runs = tmp_path / "runs" / "known"
    assert sorted(p.name for p in runs.iterdir()) == ["experiment-seed-11",
                                                      "experiment-seed-11-1"]
    res = invoke("experiment", path, "-n", 1, "-q", "--resume")  # both finished: refuse
    assert res.exit_code == 2 and "nothing to resume" in res.output and "are complete" in res.output
    interrupted = runs / "experiment-seed-11-1"
    (interrupted / "summary.csv").unlink()  # as if Ctrl-C came before the final tables
    res = invoke("experiment", path, "-n", 2, "-q", "--resume")
    assert res.exit_code == 0, res.output
    assert f"resuming {Path('runs') / 'known' / 'experiment-seed-11-1'}" in res.output
    assert "(1 computed, 1 resumed)" in res.output
    assert (interrupted / "summary.csv").exists()
    assert len(list((runs / "experiment-seed-11" / "replications").iterdir())) == 1  # untouched


def test_resume_without_any_directory_says_so(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = invoke("experiment", write(tmp_path, "known.yaml", KNOWN), "-n", 1, "-q", "--resume")
    assert res.exit_code == 2 and "does not exist; start without --resume" in res.output


def test_bad_override_path_exits_2_with_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "known.yaml", KNOWN)
    res = invoke("experiment", path, "-n", 2, "--no-write", "--set", "flows.f.anual_teu=5")
    assert res.exit_code == 2
    assert str(path) in res.output and "did you mean 'annual_teu'" in res.output
    assert "Traceback" not in res.output


def test_failed_replication_exits_1_naming_its_seed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(scenario: Any, seed: Any) -> Any:
        raise RuntimeError("negative berth")
    monkeypatch.setattr(reps, "simulate", broken)
    res = invoke("experiment", write(tmp_path, "known.yaml", KNOWN), "-n", 2, "--no-write")
    assert res.exit_code == 1
    assert "SeedSequence(11, spawn_key=(0,))" in res.output and "negative berth" in res.output


def test_ctrl_c_says_how_to_resume(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt
    monkeypatch.setattr(experiments, "run_experiment", interrupted)
    out = tmp_path / "o"
    res = invoke("experiment", write(tmp_path, "known.yaml", KNOWN), "--out", out)
    assert res.exit_code == 130
    assert f"continue with --resume --out {out}" in res.output


def test_sweep_command(tmp_path: Path) -> None:
    path = write(tmp_path, "port.yaml", PORT)
    res = invoke("sweep", path, "--param", "services.pz.fleet.vehicles=1,2", "-n", 2,
                 "--no-write", "-q")
    assert res.exit_code == 0, res.output
    assert "sweep of 2 points" in res.output and "services.pz.fleet.vehicles" in res.output
    res = invoke("sweep", path, "--param", "services.pz.fleet.vehicle=1,2", "-n", 2,
                 "--no-write")
    assert res.exit_code == 2 and "did you mean 'vehicles'" in res.output


def test_compare_command(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", PORT)
    b = write(tmp_path, "b.yaml", doc(PORT, services__pz__fleet={"vehicles": 3,
                                                                 "capacity_teu": 150}))
    res = invoke("compare", a, b, "-n", 3, "--out", tmp_path / "c", "-q")
    assert res.exit_code == 0, res.output
    assert "Differences vs a" in res.output and "services.pz.fleet.vehicles" in res.output
    diff = pd.read_csv(tmp_path / "c" / "differences.csv")
    sea = diff[(diff["name"] == "sea") & (diff["metric"] == "throughput_teu")].iloc[0]
    assert sea["scenario"] == "b" and bool(sea["significant"])
    assert invoke("compare", a, "-n", 2, "--no-write").exit_code == 2
