"""Compare scenarios: paired KPI differences on common random numbers, and a scenario diff.

Every scenario is replicated with the same replication seeds. The engine keys
its random streams by component name, so replication ``i`` of two scenarios
sees the same arrivals and storms wherever the scenarios agree; the difference
per replication then has a much smaller variance than two independent samples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corridor_sim.experiments.experiment import (
    ExperimentResults,
    Job,
    OnReplication,
    ScenarioLike,
    run_jobs,
)
from corridor_sim.experiments.progress import OnProgress
from corridor_sim.experiments.stats import paired_differences
from corridor_sim.experiments.store import ExperimentError, atomic_write, check_parent
from corridor_sim.io.csv_cells import csv_text
from corridor_sim.scenario import Scenario, load_scenario

ABSENT = "<absent>"


@dataclass
class Comparison:
    """Results of a comparison; the first scenario is the base.

    Attributes
    ----------
    labels : list of str
        Scenario labels (file stems), base first.
    experiments : list of ExperimentResults
        One per scenario.
    differences : DataFrame
        ``scenario, scope, name, metric, base_mean, mean, diff_mean, diff_std, ci_low,
        ci_high, n, significant`` for every scenario but the base (difference
        scenario − base, paired by replication).
    targets : DataFrame
        ``scenario, target, p_met, ci_low, ci_high, n`` for every scenario.
    scenario_diff : DataFrame
        ``path`` and one column per scenario: the resolved fields that differ.
    """

    labels: list[str]
    experiments: list[ExperimentResults]
    differences: pd.DataFrame
    targets: pd.DataFrame
    scenario_diff: pd.DataFrame


def flatten(document: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted paths to leaf values (lists and empty mappings are leaves)."""
    out: dict[str, Any] = {}
    for key, value in document.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            out.update(flatten(value, f"{path}."))
        else:
            out[path] = value
    return out


def scenario_diff(scenarios: Sequence[Scenario], labels: Sequence[str]) -> pd.DataFrame:
    """The dotted paths whose resolved values differ between scenarios.

    A path missing from a scenario shows as ``"<absent>"``.
    """
    flat = [flatten(s.model_dump(mode="json", by_alias=True)) for s in scenarios]
    paths = list(dict.fromkeys(p for f in flat for p in f))
    rows = []
    for path in paths:
        values = [f.get(path, ABSENT) for f in flat]
        if any(v != values[0] for v in values[1:]):
            rows.append([path, *values])
    result: pd.DataFrame = pd.DataFrame(rows, columns=["path", *labels], dtype=object)
    return result


def unique_labels(names: Sequence[str]) -> list[str]:
    """Names made unique by suffixing ``-2``, ``-3``, ... to repeats."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return out


def compare_scenarios(scenarios: Sequence[ScenarioLike], replications: int = 30,
                      seed: int | None = None, workers: int = 1, scheduler: Any = None,
                      out: str | Path | None = None, resume: bool = False,
                      overrides: Sequence[str] | Mapping[str, Any] | None = None,
                      progress: OnProgress | None = None,
                      on_replication: OnReplication | None = None,
                      level: float = 0.95, labels: Sequence[str] | None = None) -> Comparison:
    """Replicate each scenario with the same seeds and compare it with the first.

    Parameters
    ----------
    scenarios : sequence of Scenario or paths
        At least two; the first is the base.
    replications, seed, workers, scheduler, progress, on_replication, level
        As in :func:`corridor_sim.experiments.run_experiment`; ``seed`` defaults to
        the base scenario's ``run.seed`` and is used for every scenario.
    out : str or Path, optional
        Each scenario is stored in ``out/<label>`` (resumable).
    resume : bool
        Continue a comparison stored in ``out``.
    overrides : optional
        ``--set`` overrides applied to every scenario file.
    labels : sequence of str, optional
        Names of the scenarios (default: file stems, or the scenarios' names).
    """
    if len(scenarios) < 2:
        raise ExperimentError("compare needs at least two scenarios")
    loaded = [load_scenario(s, overrides) if isinstance(s, (str, Path)) else s
              for s in scenarios]
    names = labels or [Path(s).stem if isinstance(s, (str, Path)) else s.name for s in scenarios]
    labels = unique_labels(names)
    root = loaded[0].run.seed if seed is None else seed
    base = Path(out) if out is not None else None
    if base is not None:
        check_parent(base, resume)
    jobs = [Job(s, label, base / label if base else None) for s, label in zip(loaded, labels)]
    experiments = run_jobs(jobs, replications, root, workers, scheduler, resume, progress,
                           on_replication, level)
    result = _compare([j.label for j in jobs], experiments, level)
    if base is not None:
        for name, df in (("differences.csv", result.differences),
                         ("targets.csv", result.targets),
                         ("scenario_diff.csv", result.scenario_diff)):
            atomic_write(base / name, csv_text(df))
    return result


def _compare(labels: list[str], experiments: list[ExperimentResults],
             level: float) -> Comparison:
    first = experiments[0].replications
    diffs = [paired_differences(first, e.replications, level).assign(scenario=label)
             for label, e in zip(labels[1:], experiments[1:])]
    differences = pd.concat(diffs, ignore_index=True)
    targets = pd.concat([e.targets.assign(scenario=label)
                         for label, e in zip(labels, experiments)], ignore_index=True)
    return Comparison(labels, experiments, _first(differences, "scenario"),
                      _first(targets, "scenario"),
                      scenario_diff([e.scenario for e in experiments], labels))


def _first(df: pd.DataFrame, column: str) -> pd.DataFrame:
    result: pd.DataFrame = df[[column, *[c for c in df.columns if c != column]]]
    return result
