"""Rich tables that wrap words instead of cutting numbers.

Rich fits a wide table to the terminal by shrinking columns and cutting what does
not fit ("2,62…"). :func:`keep_numbers_whole` gives every right-aligned (numeric)
column a minimum width of its widest cell, and lets every column wrap its words
(labels, headers) instead, so a narrow terminal gets taller rows, never cut numbers.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text


def _width(cell: object) -> int:
    if isinstance(cell, Text):
        return max((len(line) for line in cell.plain.splitlines()), default=0)
    text = Text.from_markup(cell) if isinstance(cell, str) else Text(str(cell))
    return max((len(line) for line in text.plain.splitlines()), default=0)


def keep_numbers_whole(table: Table) -> Table:
    """Numeric columns keep their widest cell whole; labels and headers wrap (``table``, changed).

    A numeric column is one justified right. Labels fold at word boundaries, or
    inside a word longer than the column (a long service name).
    """
    for column in table.columns:
        column.no_wrap = False
        column.overflow = "fold"
        if column.justify == "right":
            column.min_width = max([_width(c) for c in column.cells] or [1])
    return table
