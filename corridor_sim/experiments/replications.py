"""One replication, as a worker runs it: simulate, keep only the small KPI record.

Replication ``i`` of an experiment with root seed ``S`` uses the ``i``-th child of
``numpy.random.SeedSequence(S)``, i.e. ``SeedSequence(S, spawn_key=(i,))``; the
engine derives every component's stream from it, so the same replication of two
scenarios shares its random numbers (common random numbers).
"""

from __future__ import annotations

import math
import traceback
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corridor_sim.api import simulate
from corridor_sim.scenario.schema import Scenario

TARGET_SCOPE = "target"


def replication_seed(root_seed: int, index: int) -> np.random.SeedSequence:
    """The seed of replication ``index``: child ``index`` of ``SeedSequence(root_seed)``.

    Identical to ``SeedSequence(root_seed).spawn(n)[index]`` for any ``n > index``,
    built directly so that replication 10 000 costs no more than replication 0.
    """
    return np.random.SeedSequence(root_seed, spawn_key=(index,))


def seed_label(root_seed: int, index: int) -> str:
    """A short, reproducible name of the replication's seed: ``"<root>/<index>"``."""
    return f"{root_seed}/{index}"


def seed_repr(root_seed: int, index: int) -> str:
    """The Python expression that rebuilds the replication's seed."""
    return f"numpy.random.SeedSequence({root_seed}, spawn_key=({index},))"


@dataclass
class Record:
    """The KPIs of one replication: plain lists, small, exactly JSON round-trippable.

    Attributes
    ----------
    replication : int
        Index of the replication.
    seed : str
        ``"<root seed>/<index>"``.
    kpis : dict of lists
        Columns ``scope, name, metric, value`` (results.kpis, then one row per target
        with scope ``"target"``, name the target's key, value as in results.targets).
    targets : dict of lists
        Columns ``target, value, met``.
    """

    replication: int
    seed: str
    kpis: dict[str, list[Any]] = field(default_factory=dict)
    targets: dict[str, list[Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping (NaN is written as ``NaN``, as Python's json does)."""
        return {"replication": self.replication, "seed": self.seed, "kpis": self.kpis,
                "targets": self.targets}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        """Inverse of :meth:`to_json`."""
        return cls(int(data["replication"]), str(data["seed"]), dict(data["kpis"]),
                   dict(data["targets"]))


@dataclass
class Failure:
    """A replication that raised: which one, its seed and the worker's traceback."""

    replication: int
    seed: str
    message: str
    traceback: str


class ReplicationError(RuntimeError):
    """A replication failed; carries its index, seed and the worker's traceback."""

    def __init__(self, failure: Failure, root_seed: int, label: str = "") -> None:
        self.failure = failure
        where = f" of {label}" if label else ""
        super().__init__(
            f"replication {failure.replication}{where} failed (seed "
            f"{seed_repr(root_seed, failure.replication)}): {failure.message}\n"
            f"worker traceback:\n{failure.traceback}")


def run_replication(scenario: Scenario, root_seed: int, index: int) -> Record | Failure:
    """Simulate replication ``index`` and return its KPI record (or the failure).

    Never raises for a model error: the failure is returned with its traceback so
    that the caller reports it with the seed, whatever executor ran it.
    """
    label = seed_label(root_seed, index)
    try:
        results = simulate(scenario, seed=replication_seed(root_seed, index))
    except Exception as exc:  # noqa: BLE001 - reported to the caller, never swallowed
        return Failure(index, label, f"{type(exc).__name__}: {exc}", traceback.format_exc())
    k, t = results.kpis, results.targets
    kpis: dict[str, list[Any]] = {
        "scope": [*map(str, k["scope"]), *[TARGET_SCOPE] * len(t)],
        "name": [*map(str, k["name"]), *map(str, t["target"])],
        "metric": [*map(str, k["metric"]), *map(str, t["metric"])],
        "value": [*map(_float, k["value"]), *map(_float, t["value"])],
    }
    targets: dict[str, list[Any]] = {
        "target": list(map(str, t["target"])),
        "value": list(map(_float, t["value"])),
        "met": [bool(v) for v in t["met"]],
    }
    return Record(index, label, kpis, targets)


def _float(v: Any) -> float:
    x = float(v)
    return math.nan if math.isnan(x) else x
