"""Replicated experiments: many independent runs of one scenario, summarised with intervals."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.api import package_version
from corridor_sim.experiments.execution import Task, execute
from corridor_sim.experiments.progress import OnProgress, checked, counter
from corridor_sim.experiments.replications import Perturb, Record
from corridor_sim.experiments.stats import summarise, target_probabilities
from corridor_sim.experiments.store import ExperimentError, ExperimentStore
from corridor_sim.io.csv_cells import csv_text
from corridor_sim.scenario import Scenario, load_scenario, scenario_hash

OnReplication = Callable[[str, int], None]
ScenarioLike = Scenario | str | Path


@dataclass
class ExperimentResults:
    """What an experiment produced: per-replication KPIs and their summary.

    Attributes
    ----------
    scenario : Scenario
        The scenario replicated.
    label : str
        Its name in tables and messages.
    replications : DataFrame
        ``replication, seed, scope, name, metric, value``: every KPI of every
        replication (targets appear with scope ``"target"``), by replication.
    summary : DataFrame
        ``scope, name, metric, mean, std, ci_low, ci_high, n`` (t interval of the mean).
    targets : DataFrame
        ``target, p_met, ci_low, ci_high, n``: probability each target is met (Wilson).
    target_runs : DataFrame
        ``replication, seed, target, value, met``.
    meta : dict
        Scenario hash, root seed, counts (computed here / reloaded), workers, wall time.
    """

    scenario: Scenario
    label: str
    replications: pd.DataFrame
    summary: pd.DataFrame
    targets: pd.DataFrame
    target_runs: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    def kpi(self, scope: str, name: str, metric: str) -> pd.Series:
        """The summary row of one KPI (``mean, std, ci_low, ci_high, n``)."""
        s = self.summary
        row = s[(s["scope"] == scope) & (s["name"] == name) & (s["metric"] == metric)]
        if row.empty:
            raise KeyError(f"no KPI {scope}/{name}/{metric}")
        result: pd.Series = row.iloc[0]
        return result


@dataclass
class Job:
    """One scenario to replicate, with its label and optional output directory."""

    scenario: Scenario
    label: str
    out: Path | None = None


def run_experiment(scenario: ScenarioLike, replications: int = 30, seed: int | None = None,
                   workers: int = 1, scheduler: Any = None, out: str | Path | None = None,
                   resume: bool = False, overrides: Sequence[str] | Mapping[str, Any] | None = None,
                   progress: OnProgress | None = None, on_replication: OnReplication | None = None,
                   level: float = 0.95, label: str | None = None,
                   parameter_uncertainty: Perturb | None = None) -> ExperimentResults:
    """Replicate a scenario with independent random streams and summarise its KPIs.

    Parameters
    ----------
    scenario : Scenario, str or Path
        A scenario, or a YAML file to load (with ``overrides``).
    replications : int
        Number of replications; replication ``i`` uses ``SeedSequence(seed).spawn(n)[i]``.
    seed : int, optional
        Root seed (default ``scenario.run.seed``).
    workers : int
        1: in this process; more: an embedded Dask LocalCluster of that many processes.
    scheduler : str or distributed.Client, optional
        Run on an existing Dask cluster (``tcp://host:port``) instead.
    out : str or Path, optional
        Directory where each replication is stored as it finishes.
    resume : bool
        Continue the experiment stored in ``out`` (same scenario hash and seed).
    progress : callable, optional
        Called with ``(done, total)`` replications, before the first new one and after
        each (the command line draws its bar from it).
    on_replication : callable, optional
        Called with ``(label, replication)`` after each replication is stored.
    level : float
        Confidence level of every interval.
    label : str, optional
        Name in tables and messages (default: the file stem or the scenario's name).
    parameter_uncertainty : callable, optional
        Gives each replication its own scenario, e.g. parameters drawn from their
        fitted distribution (:func:`corridor_sim.calibration.load_distribution`), seeded
        from the replication's seed.

    Returns
    -------
    ExperimentResults
        Identical tables whatever ``workers``, ``scheduler`` or resumption.
    """
    s = load_scenario(scenario, overrides) if isinstance(scenario, (str, Path)) else scenario
    if label is None:
        label = Path(scenario).stem if isinstance(scenario, (str, Path)) else s.name
    job = Job(s, label, Path(out) if out is not None else None)
    root = s.run.seed if seed is None else seed
    return run_jobs([job], replications, root, workers, scheduler, resume, progress,
                    on_replication, level, parameter_uncertainty)[0]


def run_jobs(jobs: Sequence[Job], replications: int, seed: int, workers: int = 1,
             scheduler: Any = None, resume: bool = False, progress: OnProgress | None = None,
             on_replication: OnReplication | None = None,
             level: float = 0.95, perturb: Perturb | None = None) -> list[ExperimentResults]:
    """Replicate several scenarios with the same seeds (common random numbers), together.

    All replications of all jobs share one executor; see :func:`run_experiment`.
    """
    _check_args(jobs, replications, seed, resume)
    progress = checked(progress)  # before anything is written
    started = time.perf_counter()
    stores = [_store(job, seed, replications, resume, perturb) for job in jobs]
    records = [_loaded(store, replications) for store in stores]
    resumed = [len(r) for r in records]
    tasks = [Task(j, i) for i in range(replications) for j in range(len(jobs))
             if i not in records[j]]
    advance = counter(len(jobs) * replications, sum(resumed), progress)

    def on_record(task: Task, record: Record) -> None:
        store = stores[task.job]
        if store is not None:
            store.save(record)
        records[task.job][record.replication] = record
        advance()
        if on_replication is not None:
            on_replication(jobs[task.job].label, record.replication)

    execute([j.scenario for j in jobs], [j.label for j in jobs], seed, tasks, on_record,
            workers, scheduler, perturb)
    wall_s = time.perf_counter() - started
    out = []
    for job, store, recs, n_old in zip(jobs, stores, records, resumed):
        meta = {**_manifest(job, seed, replications, perturb), "computed": replications - n_old,
                "resumed": n_old, "workers": workers, "scheduler": _address(scheduler),
                "wall_s": round(wall_s, 3), "out": str(job.out) if job.out else None}
        result = build(job, [recs[i] for i in range(replications)], meta, level)
        if store is not None:
            write_tables(store, result)
        out.append(result)
    return out


def build(job: Job, records: Sequence[Record], meta: dict[str, Any],
          level: float = 0.95) -> ExperimentResults:
    """Tables and summaries from the records (in replication order)."""
    long, target_runs = tables_from_records(records)
    summary = summarise(long, level)
    met = target_runs[["replication", "target", "met"]]
    return ExperimentResults(job.scenario, job.label, long, summary,
                             target_probabilities(met, level), target_runs, meta)


def tables_from_records(records: Sequence[Record]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The long KPI table and the per-replication target table, by replication."""
    records = sorted(records, key=lambda r: r.replication)
    long = _long(records, "kpis", ["scope", "name", "metric", "value"])
    target_runs = _long(records, "targets", ["target", "value", "met"])
    return long.astype({"value": float}), target_runs.astype({"value": float, "met": bool})


def _long(records: Sequence[Record], part: str, columns: list[str]) -> pd.DataFrame:
    """Stack one part (``kpis`` or ``targets``) of the records, with replication and seed."""
    tables = [getattr(r, part) for r in records]
    sizes = [len(t[columns[0]]) for t in tables]
    data: dict[str, Any] = {
        "replication": np.repeat(np.array([r.replication for r in records], dtype=np.int64),
                                 sizes),
        "seed": [r.seed for r, k in zip(records, sizes) for _ in range(k)],
    }
    for col in columns:
        data[col] = [v for t in tables for v in t[col]]
    result: pd.DataFrame = pd.DataFrame(data)
    return result


def write_tables(store: ExperimentStore, result: ExperimentResults) -> None:
    """Write ``kpis.csv``, ``summary.csv`` and ``targets.csv`` beside the replications."""
    store.write_table("kpis.csv", csv_text(result.replications))
    store.write_table("summary.csv", csv_text(result.summary))
    store.write_table("targets.csv", csv_text(result.targets))


def _check_args(jobs: Sequence[Job], replications: int, seed: int, resume: bool) -> None:
    if replications < 1:
        raise ExperimentError(f"replications must be at least 1, got {replications}")
    if int(seed) != seed or seed < 0:
        raise ExperimentError(f"seed must be a non-negative integer, got {seed!r}")
    if resume and any(j.out is None for j in jobs):
        raise ExperimentError("resume needs the output directory (out=...) of the experiment")


def _manifest(job: Job, seed: int, replications: int,
              perturb: Perturb | None = None) -> dict[str, Any]:
    out = {"scenario": job.scenario.name, "label": job.label,
           "scenario_hash": scenario_hash(job.scenario), "root_seed": int(seed),
           "replications": replications, "version": package_version()}
    if perturb is not None:
        out["parameter_uncertainty"] = str(getattr(perturb, "label", "custom"))
    return out


def _store(job: Job, seed: int, replications: int, resume: bool,
           perturb: Perturb | None = None) -> ExperimentStore | None:
    if job.out is None:
        return None
    return ExperimentStore.open(job.out, job.scenario,
                                _manifest(job, seed, replications, perturb), resume)


def _loaded(store: ExperimentStore | None, replications: int) -> dict[int, Record]:
    if store is None:
        return {}
    return {i: r for i, r in store.load().items() if i < replications}


def _address(scheduler: Any) -> str | None:
    if scheduler is None or isinstance(scheduler, str):
        return scheduler
    return str(getattr(getattr(scheduler, "scheduler", None), "address", "client"))
