"""Stamps for pages that quote model results, so a test can tell when one went stale.

A generated page carries one line::

    <!-- corridor-sim stamp: {"version": ..., "model": ..., "inputs": {...}} -->

``model`` hashes the source of the packages that compute results (engine, network,
scenario, results, experiments, capacity, calibration) and the shipped data; ``inputs``
hashes each scenario file (or other input) the page was made from. :func:`stale`
recomputes them from the working tree: a page whose stamp differs was made by other
code or other inputs and must be regenerated. Hashing reads files only: no simulation.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
MODEL_PACKAGES = ("engine", "network", "scenario", "results", "experiments", "capacity", "calibration")
_STAMP = re.compile(r"<!-- corridor-sim stamp: (\{.*?\}) -->")


def _digest(chunks: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(hashlib.sha256(chunk).digest())
    return h.hexdigest()[:16]


def model_hash() -> str:
    """Hash (16 hex digits) of the code and data that compute results.

    Files are taken in sorted order of their path relative to the package, with their
    paths, so a rename changes the hash as an edit does.
    """
    files = sorted(p for pkg in MODEL_PACKAGES for p in (PACKAGE / pkg).rglob("*.py"))
    files += sorted((PACKAGE / "data").glob("*.yaml"))
    return _digest(p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() for p in files)


def input_hash(path: Path) -> str:
    """Hash (16 hex digits) of one input file's bytes."""
    return _digest([Path(path).read_bytes()])


def stamp(inputs: Iterable[Path], root: Path) -> str:
    """The stamp line for a page made now from ``inputs`` (paths shown relative to ``root``)."""
    from corridor_sim import __version__

    payload = {
        "version": __version__,
        "model": model_hash(),
        "inputs": {Path(p).resolve().relative_to(root.resolve()).as_posix(): input_hash(p)
                   for p in sorted(inputs, key=str)},
    }
    return f"<!-- corridor-sim stamp: {json.dumps(payload, sort_keys=True)} -->"


def read_stamp(page: str) -> dict[str, object] | None:
    """The stamp a page carries, or ``None``."""
    m = _STAMP.search(page)
    return None if m is None else dict(json.loads(m.group(1)))


def stale(page: str, root: Path) -> list[str]:
    """Why ``page`` (its text) is stale against the tree at ``root``; empty if current."""
    from corridor_sim import __version__

    found = read_stamp(page)
    if found is None:
        return ["no stamp: the page was not generated"]
    reasons = []
    if found.get("version") != __version__:
        reasons.append(f"made with version {found.get('version')}, now {__version__}")
    if found.get("model") != model_hash():
        reasons.append("the model's code or data changed since it was made")
    inputs = found.get("inputs")
    for rel, digest in (inputs.items() if isinstance(inputs, dict) else []):
        path = root / rel
        if not path.is_file():
            reasons.append(f"input {rel} no longer exists")
        elif input_hash(path) != digest:
            reasons.append(f"input {rel} changed")
    return reasons
