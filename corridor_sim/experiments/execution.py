"""Run replications: in-process for one worker, on Dask distributed for more.

Workers return only :class:`Record` objects (a few hundred numbers each), never
whole Results. The caller receives them in the order they finish and stores
them by replication index, so the final tables do not depend on the number of
workers or on the order of completion.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import traceback
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from corridor_sim.experiments.replications import (
    Failure,
    Perturb,
    Record,
    ReplicationError,
    run_replication,
    seed_label,
)
from corridor_sim.experiments.store import ExperimentError
from corridor_sim.optional import require
from corridor_sim.scenario.schema import Scenario

LOOPBACK = "127.0.0.1"
"""The embedded cluster (scheduler, workers, dashboard) listens only on this machine."""


@dataclass(frozen=True)
class Task:
    """Replication ``replication`` of scenario number ``job``."""

    job: int
    replication: int


OnRecord = Callable[[Task, Record], None]


def execute(scenarios: Sequence[Scenario], labels: Sequence[str], root_seed: int,
            tasks: Sequence[Task], on_record: OnRecord, workers: int = 1,
            scheduler: Any = None, perturb: Perturb | None = None) -> None:
    """Run ``tasks`` and hand each finished record to ``on_record`` as it arrives.

    Parameters
    ----------
    scenarios, labels : sequences
        The scenarios the tasks refer to by index, and their names for messages.
    root_seed : int
        Root of every replication's SeedSequence.
    tasks : sequence of Task
        What to run.
    on_record : callable
        Called in this process for each finished replication.
    workers : int
        1 runs in this process (unless ``scheduler`` is given); more start an
        embedded Dask LocalCluster of that many single-threaded processes.
    scheduler : str or distributed.Client, optional
        Address of an existing Dask scheduler (``tcp://host:port``) or a Client.
    perturb : callable, optional
        Gives each replication its scenario (parameter uncertainty), on the worker.

    Raises
    ------
    ReplicationError
        At the first replication that fails, with its seed and traceback; the
        records handed over before it are kept by the caller.
    """
    if workers < 1:
        raise ExperimentError(f"workers must be at least 1, got {workers}")
    if not tasks:
        return
    if scheduler is None and workers == 1:
        _in_process(scenarios, labels, root_seed, tasks, on_record, perturb)
    else:
        _on_dask(scenarios, labels, root_seed, tasks, on_record, workers, scheduler, perturb)


def _handle(out: Record | Failure, task: Task, labels: Sequence[str], root_seed: int,
            on_record: OnRecord) -> None:
    if isinstance(out, Failure):
        raise ReplicationError(out, root_seed, labels[task.job])
    on_record(task, out)


def _in_process(scenarios: Sequence[Scenario], labels: Sequence[str], root_seed: int,
                tasks: Sequence[Task], on_record: OnRecord, perturb: Perturb | None) -> None:
    for task in tasks:
        out = run_replication(scenarios[task.job], root_seed, task.replication, perturb)
        _handle(out, task, labels, root_seed, on_record)


def _on_dask(scenarios: Sequence[Scenario], labels: Sequence[str], root_seed: int,
             tasks: Sequence[Task], on_record: OnRecord, workers: int, scheduler: Any,
             perturb: Perturb | None) -> None:
    as_completed = require("dask", "more than one worker or --scheduler").as_completed

    with dask_client(workers, scheduler) as client:
        shared = client.scatter(list(scenarios), broadcast=True)
        run = uuid.uuid4().hex[:8]
        futures = {
            client.submit(run_replication, shared[t.job], root_seed, t.replication, perturb,
                          key=f"corridor-rep-{run}-{t.job}-{t.replication}", pure=False): t
            for t in tasks
        }
        try:
            for future in as_completed(futures):
                task = futures[future]
                _handle(_result(future, task, root_seed), task, labels, root_seed, on_record)
        finally:
            client.cancel(list(futures))


def _result(future: Any, task: Task, root_seed: int) -> Record | Failure:
    """The worker's answer, or a Failure if the worker itself was lost."""
    try:
        out: Record | Failure = future.result()
    except Exception as exc:  # noqa: BLE001 - turned into a ReplicationError by the caller
        return Failure(task.replication, seed_label(root_seed, task.replication),
                       f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return out


@contextlib.contextmanager
def dask_client(workers: int, scheduler: Any = None,
                processes: bool = True) -> Iterator[Any]:
    """A Dask Client: the given one, one connected to ``scheduler``, or an embedded cluster.

    The embedded LocalCluster has ``workers`` worker processes (threads if not
    ``processes``) with one thread each; the scheduler, the workers and the dashboard
    (no authentication) listen on 127.0.0.1 only, the dashboard on a free port. It is
    closed on exit. A Client passed in is left open.
    """
    distributed = require("dask", "more than one worker or --scheduler")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler
        return
    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with _workers_ignore_ctrl_c():
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                               host=LOOPBACK if processes else None,
                               dashboard_address=f"{LOOPBACK}:0",
                               silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start worker processes with SIGINT ignored (they inherit it), then restore ours.

    Ctrl-C at a terminal reaches every process of the group; only this process
    should react (stop, keep what is stored, shut the cluster down), not print a
    traceback from each worker.
    """
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
