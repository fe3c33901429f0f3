"""The files a scenario is made of: itself and every file it ``extends``, transitively.

A page that quotes a scenario's results stamps these (:mod:`corridor_sim.stamp`): an edit
to a parent changes the results as an edit to the file does. Packaged parents
(``package:NAME``) are left out: the shipped data is part of the model hash. The files are
read as the loader reads them (:func:`~corridor_sim.scenario.loader.read_yaml`: regular
files only, size-limited); call this on scenarios that loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from corridor_sim.scenario.loader import PACKAGE_PREFIX, read_yaml


def _parents(path: Path) -> list[Path]:
    parents = read_yaml(path, str(path)).get("extends")
    names = [parents] if isinstance(parents, str) else parents if isinstance(parents, list) else []
    return [(path.parent / n).resolve() for n in names
            if isinstance(n, str) and not n.startswith(PACKAGE_PREFIX)]


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """``paths`` and the files they extend (resolved, each once, sorted)."""
    seen: set[Path] = set()
    todo = [Path(p).resolve() for p in paths]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += _parents(path)
    return sorted(seen)
