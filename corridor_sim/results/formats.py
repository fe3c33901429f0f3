"""Table files of a run: Parquet for the big record tables, CSV for the small ones.

The record tables (lots, legs, trips, daily) run to hundreds of thousands of rows:
they are written as Parquet by default (full precision, typed, compressed, ~20×
smaller and faster than CSV). The small tables (KPIs, targets, conservation,
monthly) are always CSV, to open in a spreadsheet. ``format="csv"`` or ``"both"``
also writes the big tables as CSV, with floats rounded to the precision their unit
deserves (:func:`csv_decimals`) and cells that a spreadsheet would run as formulas
neutralised (:mod:`corridor_sim.io.csv_cells`); Parquet keeps every bit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from corridor_sim.io.csv_cells import neutralise

TableFormat = Literal["csv", "parquet", "both"]
FORMATS: tuple[str, ...] = ("csv", "parquet", "both")
BIG_TABLES = frozenset({"lots", "legs", "trips", "nodes_daily", "edges_daily"})
OnTable = Callable[[str, int, int], None]
"""Progress hook ``(table name, index from 1, number of tables)``, called before each."""

# decimals kept in CSV, by unit: hours to 3.6 s, days to ~9 s, cargo to the kg or
# the thousandth of a TEU, fractions to 0.01 %, money to the cent
UNIT_DECIMALS = {"h": 3, "days": 4, "t": 3, "TEU": 3, "fraction": 4, "USD": 2, "USD/t": 2,
                 "USD/TEU": 2, "t-km": 1, "t CO2e": 3, "g CO2e/t-km": 2, "trips": 0, "lots": 0}
DEFAULT_DECIMALS = 6


class ParquetUnavailableError(RuntimeError):
    """pyarrow, needed to write Parquet, is not installed."""


def unit_of_column(name: str) -> str | None:
    """The unit a column name states (``wait_h`` → h, ``yard_teu_util`` → fraction)."""
    if name.endswith("_util") or name in ("util", "load_factor", "fleet_util"):
        return "fraction"
    for suffix, unit in (("_h", "h"), ("_days", "days"), ("_teu", "TEU"), ("_t", "t"),
                         ("_usd", "USD")):
        if name.endswith(suffix):
            return unit
    return {"t": "t", "teu": "TEU"}.get(name)


def csv_decimals(name: str) -> int:
    """Decimals kept in CSV for a float column (:data:`UNIT_DECIMALS` by its unit)."""
    unit = unit_of_column(name)
    return UNIT_DECIMALS.get(unit, DEFAULT_DECIMALS) if unit else DEFAULT_DECIMALS


def rounded_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with float columns rounded for CSV; a ``value`` column by its row's ``unit``."""
    out = {}
    for name in df.columns:
        col = df[name]
        if not pd.api.types.is_float_dtype(col.dtype):
            out[name] = col
        elif name == "value" and "unit" in df.columns:
            decimals = df["unit"].map(UNIT_DECIMALS).fillna(DEFAULT_DECIMALS).to_numpy(int)
            out[name] = pd.Series([round(v, d) for v, d in zip(col.to_numpy(float), decimals)],
                                  index=df.index, dtype=float)
        else:
            out[name] = pd.Series(np.round(col.to_numpy(float), csv_decimals(str(name))),
                                  index=df.index)
    table: pd.DataFrame = pd.DataFrame(out, copy=False)
    return table


def require_parquet() -> None:
    """Raise :class:`ParquetUnavailableError`, saying what to install, without pyarrow."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ParquetUnavailableError(
            "writing Parquet needs pyarrow: pip install pyarrow (or use --format csv)") from exc


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` as Parquet (zstd) with pyarrow, or say what to install."""
    require_parquet()
    df.to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def file_names(name: str, fmt: TableFormat = "parquet") -> list[str]:
    """The files table ``name`` is written to in format ``fmt``."""
    big = name in BIG_TABLES
    return ([f"{name}.parquet"] if big and fmt in ("parquet", "both") else []) + (
        [f"{name}.csv"] if not big or fmt in ("csv", "both") else [])


def write_tables(tables: Mapping[str, pd.DataFrame], directory: Path,
                 fmt: TableFormat = "parquet", on_table: OnTable | None = None) -> list[Path]:
    """Write every table into ``directory``; return the files written.

    Big tables (:data:`BIG_TABLES`) as Parquet, CSV or both per ``fmt``; the others
    as CSV. ``on_table`` is told before each table is written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}; choose one of {', '.join(FORMATS)}")
    written: list[Path] = []
    for k, (name, df) in enumerate(tables.items(), start=1):
        if on_table is not None:
            on_table(name, k, len(tables))
        for file in file_names(name, fmt):
            written.append(directory / file)
            if file.endswith(".parquet"):
                write_parquet(df, written[-1])
            else:
                neutralise(rounded_for_csv(df)).to_csv(written[-1], index=False)
    return written
