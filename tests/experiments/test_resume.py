"""The store: interrupted experiments resume without recomputing or losing replications."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import corridor_sim.experiments.replications as reps
from corridor_sim import run_experiment
from corridor_sim.experiments import ExperimentStoreError
from corridor_sim.experiments.store import ExperimentStore
from corridor_sim.scenario import Scenario, scenario_from_dict

from .conftest import PORT, doc

TABLES = ("replications", "summary", "targets", "target_runs")


class Interrupt(Exception):
    """Stands for Ctrl-C or a killed job."""


def _counting(calls: list[int]) -> Any:
    real = reps.simulate

    def counted(scenario: Scenario, seed: np.random.SeedSequence) -> Any:
        calls.append(seed.spawn_key[0])
        return real(scenario, seed=seed)
    return counted


def _stop_after(k: int) -> Any:
    done: list[int] = []

    def callback(label: str, replication: int) -> None:
        done.append(replication)
        if len(done) == k:
            raise Interrupt
    return callback


def test_interrupted_experiment_resumes_without_recomputing(
        port: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "exp"
    calls: list[int] = []
    monkeypatch.setattr(reps, "simulate", _counting(calls))
    with pytest.raises(Interrupt):
        run_experiment(port, replications=7, seed=3, out=out, on_replication=_stop_after(3))
    assert calls == [0, 1, 2]
    assert sorted(p.name for p in (out / "replications").iterdir()) == [
        "rep-000000.json", "rep-000001.json", "rep-000002.json"]  # whole files only
    assert not (out / "summary.csv").exists()
    calls.clear()
    resumed = run_experiment(port, replications=7, seed=3, out=out, resume=True)
    assert calls == [3, 4, 5, 6]  # none redone
    assert (resumed.meta["computed"], resumed.meta["resumed"]) == (4, 3)
    whole = run_experiment(port, replications=7, seed=3)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(resumed, name), getattr(whole, name),
                                      check_exact=True)
    summary = pd.read_csv(out / "summary.csv")
    assert summary["mean"].to_numpy() == pytest.approx(whole.summary["mean"].to_numpy(),
                                                       nan_ok=True, rel=1e-15)
    calls.clear()
    more = run_experiment(port, replications=9, seed=3, out=out, resume=True)
    assert calls == [7, 8]  # extending reuses all seven
    assert more.meta["resumed"] == 7


def test_progress_reports_done_of_total_from_the_resumed_count(port: Scenario, tmp_path: Path) -> None:
    out, seen = tmp_path / "e", []
    run_experiment(port, replications=3, seed=3, out=out)
    run_experiment(port, replications=5, seed=3, out=out, resume=True,
                   progress=lambda done, total: seen.append((done, total)))
    assert seen == [(3, 5), (4, 5), (5, 5)]
    with pytest.raises(TypeError, match="progress takes a callback"):  # the former flag
        run_experiment(port, replications=1, seed=3, out=tmp_path / "f",
                       progress=True)  # type: ignore[arg-type]
    assert not (tmp_path / "f").exists()  # refused before anything was written


def test_manifest_records_scenario_hash_and_seed(port: Scenario, tmp_path: Path) -> None:
    run_experiment(port, replications=2, seed=8, out=tmp_path / "e")
    manifest = json.loads((tmp_path / "e" / "manifest.json").read_text())
    from corridor_sim.scenario import scenario_hash
    assert manifest["scenario_hash"] == scenario_hash(port)
    assert manifest["root_seed"] == 8
    assert (tmp_path / "e" / "scenario.yaml").exists()


def test_resume_refuses_another_seed_or_scenario(port: Scenario, tmp_path: Path) -> None:
    out = tmp_path / "e"
    run_experiment(port, replications=2, seed=8, out=out)
    with pytest.raises(ExperimentStoreError, match="root seed is 8, this experiment's is 9"):
        run_experiment(port, replications=2, seed=9, out=out, resume=True)
    other = scenario_from_dict(doc(PORT, services__pz__fleet={"vehicles": 2,
                                                              "capacity_teu": 150}))
    with pytest.raises(ExperimentStoreError, match="scenario hash"):
        run_experiment(other, replications=2, seed=8, out=out, resume=True)
    with pytest.raises(ExperimentStoreError, match="add --resume"):
        run_experiment(port, replications=2, seed=8, out=out)
    assert len(ExperimentStore(out, {}).load()) == 2  # untouched by the refusals


class Halved:
    """A parameter perturbation with a label: every replication runs with half the demand."""

    label = "half demand"

    def __call__(self, s: Scenario, root_seed: int, index: int) -> Scenario:
        return scenario_from_dict(doc(PORT, flows__c__annual_teu=20000))


def test_resume_refuses_another_parameter_uncertainty(port: Scenario, tmp_path: Path) -> None:
    plain, drawn = tmp_path / "plain", tmp_path / "drawn"
    run_experiment(port, replications=2, seed=8, out=plain)
    run_experiment(port, replications=2, seed=8, out=drawn, parameter_uncertainty=Halved())
    manifests = {d: (d / "manifest.json").read_text() for d in (plain, drawn)}
    with pytest.raises(ExperimentStoreError, match="its parameter uncertainty is none \\(run without "
                       "--parameter-uncertainty\\), this experiment's is 'half demand'"):
        run_experiment(port, replications=3, seed=8, out=plain, resume=True,
                       parameter_uncertainty=Halved())
    with pytest.raises(ExperimentStoreError, match="its parameter uncertainty is 'half demand', this "
                       "experiment's is none .* with or without --parameter-uncertainty"):
        run_experiment(port, replications=3, seed=8, out=drawn, resume=True)
    for d, text in manifests.items():  # nothing lost: manifests and replications as they were
        assert (d / "manifest.json").read_text() == text and len(ExperimentStore(d, {}).load()) == 2
    again = run_experiment(port, replications=3, seed=8, out=drawn, resume=True,
                           parameter_uncertainty=Halved())
    assert (again.meta["computed"], again.meta["resumed"]) == (1, 2)
    whole = run_experiment(port, replications=3, seed=8, parameter_uncertainty=Halved())
    pd.testing.assert_frame_equal(again.replications, whole.replications)


def test_a_directory_that_is_not_an_experiment_is_refused(port: Scenario, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExperimentStoreError, match="not an experiment directory"):
        run_experiment(port, replications=1, out=tmp_path)
