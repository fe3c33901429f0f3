"""Write a run's outputs to a directory atomically: all of it, or nothing.

The directory is published by :func:`corridor_sim.io.atomic.atomic_directory` (claimed
atomically, replaced with ``force`` only if this tool wrote it); CSV cells are
neutralised against formula injection (:mod:`corridor_sim.io.csv_cells`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from corridor_sim.io.atomic import OutputExistsError, atomic_directory
from corridor_sim.io.csv_cells import neutralise
from corridor_sim.results.results import Results

__all__ = ["OutputExistsError", "atomic_directory", "write_results"]


def write_results(results: Results, out: Path, force: bool = False,
                  parquet: bool = False, extra: Callable[[Path], None] | None = None) -> Path:
    """Write summary.json, scenario.yaml (resolved) and one CSV per table into ``out``.

    ``extra``, if given, is called with the temporary directory after the tables
    are written, to add more files (figures, GeoJSON) to the same atomic output.
    """
    def fill(tmp: Path) -> None:
        (tmp / "summary.json").write_text(json.dumps(results.summary(), indent=2, default=str))
        resolved = results.scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        (tmp / "scenario.yaml").write_text(yaml.safe_dump(resolved, sort_keys=False))
        for name, df in results.tables().items():
            neutralise(df).to_csv(tmp / f"{name}.csv", index=False)
            if parquet:
                df.to_parquet(tmp / f"{name}.parquet", index=False)
        if extra is not None:
            extra(tmp)
    return atomic_directory(out, fill, force)
