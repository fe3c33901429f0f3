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
    """The longest word of a cell: rich wraps at spaces, so no narrower column cuts a number."""
    if isinstance(cell, Text):
        plain = cell.plain
    else:
        plain = (Text.from_markup(cell) if isinstance(cell, str) else Text(str(cell))).plain
    return max((len(word) for word in plain.split()), default=0)


def keep_numbers_whole(table: Table) -> Table:
    """Numbers stay whole; labels, headers and intervals wrap at spaces (``table``, changed).

    A numeric column (justified right) is at least as wide as its longest word, so a
    number is never cut: ``0.50 [0.09, 0.91]`` may wrap after ``0.50``, never inside a
    number. Labels fold at word boundaries, or inside a word longer than the column.
    """
    for column in table.columns:
        column.no_wrap = False
        column.overflow = "fold"
        if column.justify == "right":
            column.min_width = max([_width(c) for c in column.cells] or [1])
    return table
