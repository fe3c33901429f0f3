"""The one atomic writer: every output file and output directory is complete or absent.

Files go to a temporary sibling and are moved into place with ``os.replace``. A directory is
built in a temporary sibling, then **claimed** with ``os.mkdir`` (atomic: of two runs aiming
at the same path exactly one gets it) and the build is renamed onto the empty claim. An
existing directory is replaced (``force``) only if it is empty or holds the :data:`MARKER`
this module writes into every directory it publishes: ``--force`` never deletes a user's
folder. Temporaries are named ``.NAME.tmp-HOST-PID-XXXXXXXX`` so that later writers sweep
those of dead processes (SIGKILL debris). Permissions follow the umask.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import socket
import uuid
from collections.abc import Callable
from pathlib import Path

MARKER = ".corridor-sim-output"
"""File in every directory :func:`atomic_directory` publishes (what ``force`` may replace)."""

_TEMP = re.compile(r"^\..+\.(?:tmp|old)-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[0-9a-f]{8}$")


class OutputExistsError(FileExistsError):
    """The output exists (or another run claimed it) and may not be replaced."""


def host_tag() -> str:
    """Six hex digits naming this machine (temporaries of other hosts are never swept)."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def temp_name(name: str, kind: str = "tmp") -> str:
    """``.NAME.KIND-HOST-PID-XXXXXXXX``: hidden, unique, and sweepable once PID is dead."""
    return f".{name}.{kind}-{host_tag()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


# -- files -------------------------------------------------------------------------


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary sibling and ``os.replace``.

    Readers see the old file or the whole new one; permissions follow the umask. An
    ``OSError`` (disk full, read-only folder) names ``path``, not the temporary file.
    Stale temporaries are not swept here (a store writes thousands of files into one
    folder): call :func:`sweep_stale` once per folder.
    """
    path = Path(path)
    tmp = path.with_name(temp_name(path.name))
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _discard(tmp)
        raise _naming(exc, path) from None
    except BaseException:
        _discard(tmp)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """:func:`atomic_write_bytes` of ``text`` in UTF-8."""
    return atomic_write_bytes(path, text.encode("utf-8"))


# -- directories -------------------------------------------------------------------


def check_output(out: Path, force: bool = False) -> Path:
    """Refuse now (before any work) an ``out`` that :func:`atomic_directory` would refuse.

    Returns the absolute path. Raises :class:`OutputExistsError`.
    """
    target = _absolute(out)
    _refuse_enclosing(target, out)
    if not (target.exists() or target.is_symlink()):
        return target
    if not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it or choose another --out")
    if not is_tool_output(target):
        raise OutputExistsError(
            f"{out} exists and was not written by corridor-sim (no {MARKER} in it); --force "
            "replaces only earlier outputs of this tool — move it away or choose another --out")
    return target


def is_tool_output(path: Path) -> bool:
    """True for a real directory (no symlink) that is empty or holds :data:`MARKER`."""
    if path.is_symlink() or not path.is_dir():
        return False
    try:
        return not any(path.iterdir()) or _marker_ok(path / MARKER)
    except OSError:
        return False


def atomic_directory(out: Path, fill: Callable[[Path], None], force: bool = False,
                     kind: str = "run") -> Path:
    """Build a directory in a temporary sibling with ``fill``, then publish it as ``out``.

    Parameters
    ----------
    out : Path
        The output directory.
    fill : callable
        Writes the files into the temporary directory it is given.
    force : bool
        Replace an existing ``out`` that this tool wrote (it holds :data:`MARKER`, or is empty).
    kind : str
        Recorded in the marker (``run``, ``report``...).

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    OutputExistsError
        ``out`` exists (without ``force``), is not an output of this tool, encloses the
        current directory, or another run published it first. Nothing is changed then.
    OSError
        Disk full or read-only: it names ``out``; the temporary directory is removed.
    """
    target = check_output(out, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(target.parent)
    tmp = target.with_name(temp_name(target.name))
    try:
        os.mkdir(tmp)  # mode 0o777 & ~umask (tempfile.mkdtemp would force 0700)
        fill(tmp)
        (tmp / MARKER).write_text(json.dumps({"tool": "corridor-sim", "kind": kind}) + "\n",
                                  encoding="utf-8")
        _publish(tmp, target, out, force)
    except OSError as exc:
        _discard(tmp)
        if isinstance(exc, OutputExistsError):
            raise
        raise _naming(exc, Path(out)) from None
    except BaseException:
        _discard(tmp)
        raise
    return Path(out)


def _publish(tmp: Path, target: Path, shown: Path, force: bool) -> None:
    """Move the previous output (if forced) aside, claim ``target``, rename ``tmp`` onto it."""
    old = target.with_name(temp_name(target.name, "old")) if force else None
    if old is not None and (target.exists() or target.is_symlink()):
        if not is_tool_output(target):  # changed since check_output
            raise OutputExistsError(f"{shown} is not an output of corridor-sim; not replaced")
        try:
            os.replace(target, old)
        except FileNotFoundError:
            old = None  # another forced run moved it first; the claim below decides
    else:
        old = None
    try:
        _claim(target, shown)
        try:
            _rename_onto_claim(tmp, target)
        except BaseException:
            _discard(target)
            raise
    except BaseException:
        if old is not None and not target.exists():
            os.replace(old, target)  # put the previous output back
        raise
    finally:
        if old is not None:
            _discard(old)


def _claim(target: Path, shown: Path) -> None:
    try:
        os.mkdir(target)
    except FileExistsError:
        raise OutputExistsError(
            f"{shown} was written by another run meanwhile; nothing was replaced — choose "
            "another --out (or run again)") from None


def _rename_onto_claim(tmp: Path, target: Path) -> None:
    if os.name == "nt":  # Windows cannot rename onto a directory: give the claim up first
        os.rmdir(target)
    os.replace(tmp, target)  # POSIX: renaming a directory onto an empty one replaces it


# -- housekeeping --------------------------------------------------------------------


def sweep_stale(folder: Path) -> list[Path]:
    """Remove temporaries in ``folder`` left by dead processes of this host; the removed."""
    removed: list[Path] = []
    if os.name != "posix":
        return removed
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    mine = host_tag()
    for entry in entries:
        m = _TEMP.match(entry.name)
        if m and m["host"] == mine and not _alive(int(m["pid"])):
            path = Path(entry.path)
            _discard(path)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _marker_ok(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("tool") == "corridor-sim"


def _absolute(out: Path) -> Path:
    return Path(os.path.abspath(out))


def _refuse_enclosing(target: Path, shown: Path) -> None:
    cwd = Path(os.path.abspath(os.getcwd()))
    if target == cwd or target in cwd.parents or target.parent == target:
        raise OutputExistsError(
            f"--out {shown} is the current directory or encloses it; choose a new "
            "subdirectory, e.g. --out runs/mine")


def _discard(path: Path) -> None:
    """Delete a directory tree or a file, if it is there (never follows a symlink)."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error, naming the user's ``path`` instead of a temporary one."""
    code = exc.errno if exc.errno is not None else errno.EIO
    reason = exc.strerror or str(exc)
    return OSError(code, f"cannot write the output ({reason})", str(path))
