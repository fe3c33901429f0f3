"""Measure observations in simulated runs, one row per replication, in or out of process.

Replication ``i`` under root ``R`` always runs on ``SeedSequence(R, spawn_key=(i,))``
(as in :mod:`corridor_sim.experiments`), so the table is the same whether the runs
are made here or on the experiment executor's Dask cluster, with any number of workers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor_sim.api import simulate
from corridor_sim.calibration.observables import measure_observation, window_h
from corridor_sim.calibration.spec import Observation
from corridor_sim.experiments.replications import replication_seed
from corridor_sim.scenario import Scenario

OnRun = Callable[[], None]


def observe_one(scenario: Scenario, observations: Sequence[Observation], root_seed: int,
                index: int) -> list[float]:
    """Simulate replication ``index`` and measure every observation."""
    results = simulate(scenario, seed=replication_seed(root_seed, index))
    return [measure_observation(results, o) for o in observations]


@dataclass
class Runner:
    """Where replications run: here (``client`` None) or on a Dask client; ``on_run`` ticks.

    Use :func:`runner` to open one for a whole calibration (one cluster, many evaluations).
    """

    client: Any = None
    on_run: OnRun | None = None

    def rows(self, scenario: Scenario, observations: Sequence[Observation], replications: int,
             root_seed: int) -> list[list[float]]:
        """Per-replication measurements, in replication order."""
        obs = list(observations)
        if self.client is None:
            out = []
            for i in range(replications):
                out.append(observe_one(scenario, obs, root_seed, i))
                self._tick()
            return out
        from distributed import as_completed

        shared = self.client.scatter(scenario, broadcast=True)
        futures = {self.client.submit(observe_one, shared, obs, root_seed, i, pure=False): i
                   for i in range(replications)}
        done: dict[int, list[float]] = {}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            self._tick()
        return [done[i] for i in range(replications)]

    def _tick(self) -> None:
        if self.on_run is not None:
            self.on_run()


@contextlib.contextmanager
def runner(workers: int = 1, scheduler: Any = None, on_run: OnRun | None = None) -> Iterator[Runner]:
    """A :class:`Runner`: in this process for one worker, else on the experiment executor (Dask)."""
    if scheduler is None and workers <= 1:
        yield Runner(None, on_run)
        return
    from corridor_sim.experiments.execution import dask_client

    with dask_client(workers, scheduler) as client:
        yield Runner(client, on_run)


def observe(scenario: Scenario, observations: Sequence[Observation], replications: int,
            root_seed: int, workers: int | Runner = 1) -> np.ndarray:
    """Simulated values: one row per replication, one column per observation.

    ``workers`` is a process count (1: here; more: an embedded Dask cluster for this
    call) or an open :class:`Runner`. The table does not depend on it.
    """
    for o in observations:
        window_h(scenario, o)
    n = len(observations)
    if isinstance(workers, Runner):
        rows = workers.rows(scenario, observations, replications, root_seed)
    else:
        with runner(workers) as r:
            rows = r.rows(scenario, observations, replications, root_seed)
    return np.array(rows, dtype=float).reshape(replications, n)
