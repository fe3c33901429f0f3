"""Write a run's outputs to a directory atomically: all of it, or nothing."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from corridor_sim.results.results import Results


class OutputExistsError(FileExistsError):
    """The output directory exists and overwriting was not allowed."""


def atomic_directory(out: Path, fill: Callable[[Path], None], force: bool = False) -> Path:
    """Build a directory in a temporary sibling with ``fill``, then move it to ``out``.

    An existing ``out`` is replaced only with ``force``; if ``fill`` fails or is
    interrupted, ``out`` is left as it was and the temporary directory is removed.
    """
    out = Path(out)
    if out.exists() and not force:
        raise OutputExistsError(f"{out} exists; use --force to replace it or choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    os.chmod(tmp, 0o777 & ~current_umask())  # mkdtemp makes it 0700: readable as mkdir would
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    try:
        fill(tmp)
        if out.exists():
            os.replace(out, old)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not out.exists():
            os.replace(old, out)  # interrupted between the two renames: put the old output back
        raise
    finally:
        _remove(old)
    return out


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: Path) -> None:
    """Delete a directory tree or a file, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


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
            df.to_csv(tmp / f"{name}.csv", index=False)
            if parquet:
                df.to_parquet(tmp / f"{name}.parquet", index=False)
        if extra is not None:
            extra(tmp)
    return atomic_directory(out, fill, force)
