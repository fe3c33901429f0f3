"""Execution: identical tables on 1 or 2 workers (threads and processes); failures surface."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import corridor_sim.experiments.replications as reps
from corridor_sim import run_experiment
from corridor_sim.experiments import ReplicationError
from corridor_sim.experiments.execution import dask_client
from corridor_sim.scenario import Scenario

TABLES = ("replications", "summary", "targets", "target_runs")


@pytest.fixture(scope="module")
def threads() -> Iterator[Any]:
    """A two-worker Dask cluster in this process (fast to start; sees monkeypatches)."""
    with dask_client(2, processes=False) as client:
        yield client


def _equal(a: Any, b: Any) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def test_one_and_two_thread_workers_give_identical_tables(port: Scenario, threads: Any) -> None:
    one = run_experiment(port, replications=8, seed=4)
    two = run_experiment(port, replications=8, seed=4, scheduler=threads)
    _equal(one, two)
    assert two.meta["computed"] == 8


def test_two_worker_processes_give_identical_tables(port: Scenario) -> None:
    one = run_experiment(port, replications=6, seed=1)
    two = run_experiment(port, replications=6, seed=1, workers=2)
    _equal(one, two)
    assert two.meta["workers"] == 2


def _failing_at(index: int, calls: list[int]) -> Any:
    real = reps.simulate

    def fake(scenario: Scenario, seed: np.random.SeedSequence) -> Any:
        calls.append(seed.spawn_key[0])
        if seed.spawn_key == (index,):
            raise ZeroDivisionError("berth arithmetic went wrong")
        return real(scenario, seed=seed)
    return fake


@pytest.mark.parametrize("where", ["in-process", "dask"])
def test_failing_replication_surfaces_its_seed_and_traceback(
        port: Scenario, threads: Any, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    calls: list[int] = []
    monkeypatch.setattr(reps, "simulate", _failing_at(3, calls))
    scheduler = threads if where == "dask" else None
    with pytest.raises(ReplicationError) as info:
        run_experiment(port, replications=6, seed=77, scheduler=scheduler)
    message = str(info.value)
    assert "replication 3" in message
    assert "numpy.random.SeedSequence(77, spawn_key=(3,))" in message
    assert "ZeroDivisionError: berth arithmetic went wrong" in message
    assert 'raise ZeroDivisionError("berth arithmetic went wrong")' in message  # traceback
    assert info.value.failure.seed == "77/3"
    if where == "in-process":
        assert calls == [0, 1, 2, 3]  # stops at the failure, in order
