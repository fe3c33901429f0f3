"""Replications: independent seeds, exact records, and a known analytical answer."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from corridor_sim import ExperimentResults, run_experiment, simulate
from corridor_sim.experiments.replications import (
    Record,
    replication_seed,
    run_replication,
    seed_label,
)
from corridor_sim.scenario import Scenario

from .conftest import EXPECTED_DELIVERED_TEU, EXPECTED_LOTS


def test_replication_seed_is_the_spawned_child() -> None:
    children = np.random.SeedSequence(42).spawn(7)
    for i, child in enumerate(children):
        mine = replication_seed(42, i)
        assert (mine.entropy, mine.spawn_key) == (child.entropy, child.spawn_key)
        assert np.array_equal(mine.generate_state(4), child.generate_state(4))
    assert seed_label(42, 6) == "42/6"


def test_record_holds_the_kpis_of_simulate_and_round_trips_json_exactly(known: Scenario) -> None:
    record = run_replication(known, 3, 2)
    assert isinstance(record, Record)
    results = simulate(known, seed=np.random.SeedSequence(3).spawn(3)[2])
    n = len(results.kpis)
    assert record.kpis["value"][:n] == pytest.approx(results.kpis["value"].tolist(), nan_ok=True)
    assert record.kpis["scope"][n:] == ["target", "target"]
    assert record.targets["met"] == results.targets["met"].tolist()
    text = json.dumps(record.to_json())
    again = Record.from_json(json.loads(text))
    assert json.dumps(again.to_json()) == text
    assert np.array_equal(again.kpis["value"], record.kpis["value"], equal_nan=True)


def test_replications_are_independent_and_reproducible(known: Scenario) -> None:
    a = run_experiment(known, replications=4, seed=9)
    b = run_experiment(known, replications=4, seed=9)
    pd.testing.assert_frame_equal(a.replications, b.replications)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    created = a.replications.query("scope == 'flow' and metric == 'created_teu'")["value"]
    assert created.nunique() == 4  # four different Poisson samples
    assert a.replications["seed"].unique().tolist() == ["9/0", "9/1", "9/2", "9/3"]
    assert list(a.replications.columns) == ["replication", "seed", "scope", "name", "metric",
                                            "value"]
    assert list(a.summary.columns) == ["scope", "name", "metric", "mean", "std", "ci_low",
                                       "ci_high", "n"]
    assert list(a.targets.columns) == ["target", "p_met", "ci_low", "ci_high", "n"]


N_KNOWN = 60


@pytest.fixture(scope="module")
def known_runs(known: Scenario) -> ExperimentResults:
    """Sixty replications of the known-answer scenario."""
    return run_experiment(known, replications=N_KNOWN, seed=2024)


def test_ci_covers_the_analytical_delivered_volume(known_runs: ExperimentResults) -> None:
    n, r = N_KNOWN, known_runs
    delivered = r.kpi("flow", "f", "throughput_teu")
    assert delivered["n"] == n
    assert delivered["ci_low"] <= EXPECTED_DELIVERED_TEU <= delivered["ci_high"]
    # Poisson arrivals: sd of the delivered TEU is 2 * sqrt(500); 99 % chi-square interval
    sd = 2.0 * np.sqrt(EXPECTED_LOTS)
    lo, hi = (np.sqrt((n - 1) * delivered["std"] ** 2 / stats.chi2.ppf(q, n - 1))
              for q in (0.995, 0.005))
    assert lo <= sd <= hi
    # the interval's half-width is the t quantile times the standard error
    half = stats.t.ppf(0.975, n - 1) * delivered["std"] / np.sqrt(n)
    assert delivered["ci_high"] - delivered["mean"] == pytest.approx(half, rel=1e-12)


def test_probability_of_target_covers_the_poisson_answer(known_runs: ExperimentResults) -> None:
    n, r = N_KNOWN, known_runs
    row = r.targets.set_index("target").loc["teu"]
    p_true = float(stats.poisson.sf(EXPECTED_LOTS - 1, EXPECTED_LOTS))  # P(N >= 500)
    runs = r.target_runs[r.target_runs["target"] == "teu"]
    assert row["p_met"] == runs["met"].mean()
    assert row["n"] == n
    assert row["ci_low"] <= p_true <= row["ci_high"]
    # met agrees with the per-replication value and the bound
    assert (runs["met"] == (runs["value"] >= 36500)).all()
