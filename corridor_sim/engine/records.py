"""Append-only tables of numeric rows, cheap to fill from the event loop.

Rows are appended to a flat Python list (one ``extend`` per row, no per-row objects
kept alive); every ``chunk_rows`` rows the list is moved into a float64 numpy chunk,
so a long run holds its records at 8 bytes a value.
"""

from __future__ import annotations

import numpy as np

CHUNK_ROWS = 1 << 13  # 8192 rows: a few MB of Python floats at most per table


class Records:
    """A growing ``(rows, width)`` float64 table.

    Hot loops bind ``records.buf.extend`` and call :meth:`flush_if_full` now and
    then (e.g. once per vehicle trip); :meth:`array` returns every row in order.

    Parameters
    ----------
    width : int
        Values per row.
    chunk_rows : int
        Rows kept in the Python list before they move to a numpy chunk.
    """

    __slots__ = ("_chunks", "_limit", "buf", "width")

    def __init__(self, width: int, chunk_rows: int = CHUNK_ROWS) -> None:
        self.width = width
        self.buf: list[float] = []
        self._chunks: list[np.ndarray] = []
        self._limit = width * chunk_rows

    def add(self, row: tuple[float, ...]) -> None:
        """Append one row (``width`` numbers)."""
        self.buf.extend(row)
        if len(self.buf) >= self._limit:
            self.flush()

    def flush_if_full(self) -> None:
        """Move the buffered rows to a numpy chunk if the buffer is full."""
        if len(self.buf) >= self._limit:
            self.flush()

    def flush(self) -> None:
        """Move the buffered rows to a numpy chunk."""
        if self.buf:
            values = np.fromiter(self.buf, dtype=np.float64, count=len(self.buf))
            self._chunks.append(values.reshape(-1, self.width))
            self.buf.clear()  # the same list: callers may hold its bound ``extend``

    def __len__(self) -> int:
        return sum(len(c) for c in self._chunks) + len(self.buf) // self.width

    def array(self) -> np.ndarray:
        """All rows so far as one ``(rows, width)`` array.

        The chunks are copied into the result one by one and let go as they are, so
        the rows are held about once, not twice (later calls return the same array).
        """
        self.flush()
        if len(self._chunks) != 1:
            out = np.empty((sum(len(c) for c in self._chunks), self.width), dtype=np.float64)
            row = 0
            self._chunks.reverse()
            while self._chunks:
                chunk = self._chunks.pop()
                out[row: row + len(chunk)] = chunk
                row += len(chunk)
            self._chunks = [out]
        return self._chunks[0]
