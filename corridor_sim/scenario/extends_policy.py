"""Which files ``extends`` may read: YAML files in the scenario's own folder tree.

A scenario from elsewhere must not make the loader read arbitrary files (``/etc/…``,
``../../`` out of its folder, the kernel's ``/proc`` files) and echo what it found. A
parent is accepted when its name ends in ``.yaml`` / ``.yml`` and its real path (symlinks
resolved) lies under the folder of the scenario that was loaded, under a folder the user
allowed (``load_scenario(..., extends_dirs=[...])`` or the environment variable
``CORRIDOR_SIM_EXTENDS_PATH``, folders separated by ``os.pathsep``), or is a packaged
scenario (``package:NAME``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from corridor_sim.scenario.errors import Problem

ENV_VAR = "CORRIDOR_SIM_EXTENDS_PATH"
SUFFIXES = (".yaml", ".yml")


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


@dataclass(frozen=True)
class ExtendsPolicy:
    """The folders ``extends`` may read from; the first is the scenario's own."""

    roots: tuple[Path, ...]

    @classmethod
    def for_scenario(cls, path: Path, extra: Sequence[str | Path] = ()) -> ExtendsPolicy:
        """The policy for a scenario file: its folder, ``extra`` and ``$CORRIDOR_SIM_EXTENDS_PATH``."""
        env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
        package = Path(str(resources.files("corridor_sim") / "data"))
        dirs = [_real(Path(path)).parent, *(_real(Path(d)) for d in (*extra, *env)), _real(package)]
        return cls(tuple(dirs))

    def allows(self, real: Path) -> bool:
        """True if the resolved path ``real`` lies under one of the allowed folders."""
        real = _real(real)
        return any(real == root or root in real.parents for root in self.roots)

    def problem(self, name: str, resolved: Path) -> Problem | None:
        """Why ``extends: name`` (resolved to ``resolved``) may not be read, or None."""
        if not name.startswith("package:") and not name.lower().endswith(SUFFIXES):
            return Problem("extends", f"'{name[:80]}' is not a .yaml or .yml file",
                           "extends names scenario YAML files")
        if self.allows(resolved):
            return None
        return Problem(
            "extends", f"'{name[:80]}' lies outside the scenario's folder {self.roots[0]}",
            f"copy it into that folder, or allow its folder explicitly with {ENV_VAR}=DIR "
            "(or load_scenario(..., extends_dirs=[DIR]))")
