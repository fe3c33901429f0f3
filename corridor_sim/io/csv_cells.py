"""CSV that a spreadsheet opens as data: no cell is read as a formula.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
executed by Excel, LibreOffice and Google Sheets as a formula (CSV injection). Such a
cell gets a leading apostrophe, which spreadsheets hide. Numbers are untouched: numeric
columns are never altered and a text cell that is a number (``-3.5``, ``+1e3``) stays as
it is.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """``value`` with an apostrophe before a formula trigger; anything else unchanged."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS) or _is_number(value):
        return value
    return "'" + value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` itself if no text cell (or column name) could act as a formula, else a copy
    with those cells neutralised; categorical columns keep their dtype."""
    renamed = {c: neutralise_cell(c) for c in df.columns if neutralise_cell(c) != c}
    fixes: dict[object, dict[str, str]] = {}
    for col in df.columns:
        mapping = _fixes(df[col])
        if mapping:
            fixes[col] = mapping
    if not renamed and not fixes:
        return df
    out = df.copy()
    for name, fix in fixes.items():
        series = out[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            out[name] = series.cat.rename_categories(
                [fix.get(c, c) if isinstance(c, str) else c for c in series.cat.categories])
        else:
            out[name] = series.map(lambda v, m=fix: m.get(v, v) if isinstance(v, str) else v)
    result: pd.DataFrame = out.rename(columns=renamed)
    return result


def _fixes(col: pd.Series) -> dict[str, str]:
    """Text values of a column that need neutralising, and their replacements."""
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        values = list(dtype.categories)
    elif pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        cells = col.dropna()
        try:
            values = list(pd.unique(cells))
        except TypeError:  # unhashable cells (lists in a scenario diff): only text can be a formula
            values = list({v for v in cells if isinstance(v, str)})
    else:
        return {}
    return {v: neutralise_cell(v) for v in values if isinstance(v, str) and neutralise_cell(v) != v}


def csv_text(df: pd.DataFrame, **kwargs: Any) -> str:
    """``df.to_csv(index=False, **kwargs)`` of the neutralised frame."""
    text: str = neutralise(df).to_csv(index=False, **kwargs)
    return text


def _is_number(text: str) -> bool:
    try:
        return not math.isnan(float(text.strip()))
    except ValueError:
        return False
