"""Write a run's outputs to a directory atomically: all of it, or nothing.

The directory is published by :func:`corridor_sim.io.atomic.atomic_directory` (claimed
atomically, replaced with ``force`` only if this tool wrote it); the tables are written
by :mod:`corridor_sim.results.formats` (CSV cells neutralised against formula
injection by :mod:`corridor_sim.io.csv_cells`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corridor_sim.io.atomic import OutputExistsError, atomic_directory
from corridor_sim.io.yaml_text import yaml_text
from corridor_sim.results.formats import OnTable, TableFormat, write_tables
from corridor_sim.results.results import Results

__all__ = ["OutputExistsError", "atomic_directory", "write_results"]


def write_results(results: Results, out: Path, force: bool = False,
                  fmt: TableFormat = "parquet", extra: Callable[[Path], None] | None = None,
                  on_table: OnTable | None = None) -> Path:
    """Write summary.json, scenario.yaml (resolved) and the tables into ``out``.

    Big tables as Parquet, CSV or both per ``fmt``, small ones as CSV
    (:func:`corridor_sim.results.formats.write_tables`; ``on_table`` follows its
    progress). ``extra``, if given, is called with the temporary directory after the
    tables are written, to add more files (figures, GeoJSON) to the same atomic output.
    """
    def fill(tmp: Path) -> None:
        (tmp / "summary.json").write_text(json.dumps(results.summary(), indent=2, default=str))
        resolved = results.scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        (tmp / "scenario.yaml").write_text(yaml_text(resolved))
        write_tables(results.tables(), tmp, fmt, on_table)
        if extra is not None:
            extra(tmp)
    return atomic_directory(out, fill, force)
