"""Seal a stored replication and check it on resume: the store never trusts its files.

A replication file holds the record plus what ties it to its experiment: the scenario
hash, the root seed and a SHA-256 checksum of the record's canonical JSON. On resume
each file must be the replication its name says, with the seed of that index under the
experiment's root seed, the experiment's scenario hash, an intact checksum, and KPI and
target columns that are present, of equal length and of the right types.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from corridor_sim.experiments.replications import Record, seed_label

KPI_COLUMNS = ("scope", "name", "metric", "value")
TARGET_COLUMNS = ("target", "value", "met")


def checksum(record: Record) -> str:
    """SHA-256 of the record's canonical JSON (sorted keys)."""
    payload = json.dumps(record.to_json(), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def sealed(record: Record, manifest: dict[str, Any]) -> dict[str, Any]:
    """The JSON-ready file content of ``record`` in the experiment of ``manifest``."""
    return {**record.to_json(), "scenario_hash": manifest.get("scenario_hash"),
            "root_seed": manifest.get("root_seed"), "checksum": checksum(record)}


def verified(data: Any, index: int, manifest: dict[str, Any]) -> Record:
    """The record in ``data`` (a file named for replication ``index``) once checked.

    Raises
    ------
    ValueError
        Saying what does not match.
    """
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in ("replication", "seed", "kpis", "targets", "checksum") if k not in data]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    if type(data["replication"]) is not int or data["replication"] != index:
        raise ValueError(f"it holds replication {data['replication']!r}, its name says {index}")
    root = manifest.get("root_seed")
    _same("root seed", data.get("root_seed"), root)
    _same("seed", data["seed"], seed_label(int(root), index) if root is not None else None)
    _same("scenario hash", data.get("scenario_hash"), manifest.get("scenario_hash"))
    _columns(data["kpis"], KPI_COLUMNS, "kpis", allow_empty=False)
    _columns(data["targets"], TARGET_COLUMNS, "targets", allow_empty=True)
    record = Record.from_json(data)
    if checksum(record) != data["checksum"]:
        raise ValueError("its checksum does not match its content (edited or damaged)")
    return record


def _same(what: str, stored: Any, expected: Any) -> None:
    if stored != expected:
        raise ValueError(f"its {what} is {stored!r}, the experiment's is {expected!r}")


def _columns(table: Any, names: tuple[str, ...], part: str, allow_empty: bool) -> None:
    if not isinstance(table, dict) or set(table) != set(names):
        got = sorted(table) if isinstance(table, dict) else type(table).__name__
        raise ValueError(f"{part} must have the columns {', '.join(names)}, got {got}")
    if not all(isinstance(table[c], list) for c in names):
        raise ValueError(f"every {part} column must be a list")
    sizes = {len(table[c]) for c in names}
    if len(sizes) != 1:
        raise ValueError(f"{part} columns have different lengths {sorted(sizes)} (ragged)")
    if not allow_empty and sizes == {0}:
        raise ValueError(f"{part} is empty")
    if not all(_is_number(v) for v in table["value"]):
        raise ValueError(f"{part}.value holds a value that is not a number")
    if "met" in table and not all(isinstance(v, bool) for v in table["met"]):
        raise ValueError(f"{part}.met holds a value that is not true or false")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and (
        math.isfinite(v) or math.isnan(v) or math.isinf(v))
