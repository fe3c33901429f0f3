"""Read an untrusted input file: a regular file only, never more than a size bound.

A FIFO would block ``open`` forever and a character device (``/dev/zero``) would grow
memory without end; both are refused before a byte is read. The file is opened without
blocking and checked with ``fstat`` on the opened descriptor (no race between a check and
the open).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 4 * 1024 * 1024
"""Largest input file read (4 MiB; the shipped network is about 55 kB)."""

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class UnsafeInputError(OSError):
    """The input is not a regular file, or is larger than allowed."""


def read_regular_file(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``max_bytes``.

    Raises
    ------
    UnsafeInputError
        Not a regular file (directory, FIFO, device, socket) or too large.
    OSError
        Missing, unreadable, or a symlink loop (from ``open``).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise UnsafeInputError(f"is {kind}, not a regular file")
        if os.fstat(fd).st_size > max_bytes:
            raise UnsafeInputError(_too_large(max_bytes))
        data = _read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise UnsafeInputError(_too_large(max_bytes))
    return data


def _read_at_most(fd: int, n_bytes: int) -> bytes:
    chunks: list[bytes] = []
    left = n_bytes
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return f"is larger than {max_bytes // 1024:,} KiB (the most a scenario file may be)"
