"""Parameter sweeps: replicate a scenario at each point of a grid of dotted parameters.

Every point is the resolved scenario document with the point's values set by
:func:`corridor_sim.scenario.loader.apply_overrides`, so an unknown path is the
same ScenarioError (file, field path, suggestion) as ``--set``. All points use
the same replication seeds (common random numbers), so differences between
points are not blurred by sampling noise.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from corridor_sim.experiments.experiment import (
    ExperimentResults,
    Job,
    OnReplication,
    ScenarioLike,
    run_jobs,
)
from corridor_sim.experiments.progress import OnProgress
from corridor_sim.experiments.store import ExperimentError, atomic_write, check_parent
from corridor_sim.io.csv_cells import csv_text
from corridor_sim.scenario import Scenario
from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.loader import apply_overrides, resolve_document, validate_document

Overrides = Sequence[str] | Mapping[str, Any] | None


@dataclass
class SweepResults:
    """Results of a sweep.

    Attributes
    ----------
    points : DataFrame
        ``point`` and one column per swept path with the point's value.
    experiments : list of ExperimentResults
        One per point, in point order.
    replications, summary, targets : DataFrame
        The experiments' tables stacked, with a leading ``point`` column.
    """

    points: pd.DataFrame
    experiments: list[ExperimentResults]
    replications: pd.DataFrame = field(init=False)
    summary: pd.DataFrame = field(init=False)
    targets: pd.DataFrame = field(init=False)

    def __post_init__(self) -> None:
        self.replications = _stack(self.experiments, "replications")
        self.summary = _stack(self.experiments, "summary")
        self.targets = _stack(self.experiments, "targets")

    def point_label(self, k: int) -> str:
        """``"path=value, path=value"`` of point ``k``."""
        return point_label(self.points.drop(columns="point").iloc[k].to_dict())

    def table(self, scope: str, name: str, metric: str) -> pd.DataFrame:
        """One KPI across the points: the point's parameters with mean and interval."""
        s = self.summary
        rows = s[(s["scope"] == scope) & (s["name"] == name) & (s["metric"] == metric)]
        result: pd.DataFrame = self.points.merge(rows.drop(columns=["scope", "name", "metric"]), on="point")
        return result


def _stack(experiments: Sequence[ExperimentResults], attr: str) -> pd.DataFrame:
    frames = [getattr(e, attr).assign(point=k) for k, e in enumerate(experiments)]
    df = pd.concat(frames, ignore_index=True)
    result: pd.DataFrame = df[["point", *[c for c in df.columns if c != "point"]]]
    return result


def split_values(text: str) -> list[str]:
    """Split ``"4,6,[1, 2]"`` at the commas that are outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    return [*parts, current]


def parse_param(text: str) -> tuple[str, list[Any]]:
    """Parse ``"services.kuryk-alat.fleet.vehicles=4,6,8"`` into the path and its values.

    Each value is read as YAML (numbers, booleans, lists).

    Raises
    ------
    ScenarioError
        If ``text`` has no ``=`` or no value.
    """
    key, sep, raw = text.partition("=")
    values = [v.strip() for v in split_values(raw)] if sep else []
    if not key.strip() or not values or any(v == "" for v in values):
        raise ScenarioError("--param", [Problem(text, "not of the form dotted.path=v1,v2,...",
                                                "write --param services.NAME.fleet.vehicles=4,6,8")])
    return key.strip(), [yaml.safe_load(v) for v in values]


def sweep_points(params: Mapping[str, Sequence[Any]], zipped: bool = False) -> list[dict[str, Any]]:
    """The points of a sweep: the full factorial grid, or the values zipped together.

    Points are ordered with the last parameter varying fastest.
    """
    keys = list(params)
    if not zipped:
        return [dict(zip(keys, combo)) for combo in itertools.product(*params.values())]
    sizes = {k: len(v) for k, v in params.items()}
    if len(set(sizes.values())) > 1:
        raise ScenarioError("--param", [Problem(", ".join(keys), f"zipped parameters need as "
                                                f"many values each, got {sizes}")])
    return [dict(zip(keys, combo)) for combo in zip(*params.values())]


def scenario_document(scenario: ScenarioLike | Mapping[str, Any],
                      overrides: Overrides = None) -> tuple[dict[str, Any], str]:
    """The resolved scenario document (``extends`` merged, ``overrides`` applied) and its source."""
    if isinstance(scenario, (str, Path)):
        document, source = resolve_document(Path(scenario)), str(scenario)
    elif isinstance(scenario, Scenario):
        document, source = scenario.model_dump(mode="json", by_alias=True), scenario.name
    else:
        document, source = dict(scenario), "<dict>"
    if overrides:
        document = apply_overrides(document, overrides, source)
    return document, source


def point_scenarios(document: dict[str, Any], source: str,
                    points: Sequence[Mapping[str, Any]]) -> list[Scenario]:
    """Validate the scenario of every point (all before anything runs)."""
    out = []
    for k, point in enumerate(points):
        where = f"{source} [sweep point {k}: {point_label(point)}]"
        out.append(validate_document(apply_overrides(document, point, where), where))
    return out


def point_label(point: Mapping[str, Any]) -> str:
    """``"path=value, path=value"``."""
    return ", ".join(f"{k}={v}" for k, v in point.items())


def run_sweep(scenario: ScenarioLike | Mapping[str, Any],
              params: Mapping[str, Sequence[Any]] | None = None,
              points: Sequence[Mapping[str, Any]] | None = None, zipped: bool = False,
              replications: int = 30, seed: int | None = None, workers: int = 1,
              scheduler: Any = None, out: str | Path | None = None, resume: bool = False,
              overrides: Overrides = None, progress: OnProgress | None = None,
              on_replication: OnReplication | None = None, level: float = 0.95) -> SweepResults:
    """Replicate a scenario at every point of a parameter sweep.

    Parameters
    ----------
    scenario : Scenario, path or mapping
        The base scenario (a file is resolved with its ``extends``).
    params : mapping of dotted path to list of values, optional
        Swept as a full factorial grid (or zipped with ``zipped=True``).
    points : list of mappings, optional
        Listed points instead of ``params``: each maps dotted paths to values.
    replications, seed, workers, scheduler, progress, on_replication, level
        As in :func:`corridor_sim.experiments.run_experiment`; the same seeds at every point.
    out : str or Path, optional
        Each point is stored in ``out/point-NNN`` (resumable).
    resume : bool
        Continue a sweep stored in ``out``.
    overrides : optional
        Applied to the base scenario before the points.
    """
    if (params is None) == (points is None):
        raise ExperimentError("give either params (a grid) or points (a list), not both")
    document, source = scenario_document(scenario, overrides)
    grid = list(points) if points is not None else sweep_points(params or {}, zipped)
    scenarios = point_scenarios(document, source, grid)
    root = scenarios[0].run.seed if seed is None else seed
    base = Path(out) if out is not None else None
    if base is not None:
        check_parent(base, resume)
    jobs = [Job(s, f"point-{k:03d}", base / f"point-{k:03d}" if base else None)
            for k, s in enumerate(scenarios)]
    experiments = run_jobs(jobs, replications, root, workers, scheduler, resume, progress,
                           on_replication, level)
    keys = list(dict.fromkeys(k for p in grid for k in p))
    table = pd.DataFrame([{"point": k, **{key: p.get(key) for key in keys}}
                          for k, p in enumerate(grid)], columns=["point", *keys])
    result = SweepResults(table, experiments)
    if base is not None:
        _write(base, result)
    return result


def _write(base: Path, result: SweepResults) -> None:
    for name, df in (("points.csv", result.points), ("summary.csv", result.summary),
                     ("targets.csv", result.targets)):
        atomic_write(base / name, csv_text(df))
