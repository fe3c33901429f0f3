"""Which files ``extends`` may read: YAML files inside the scenario's project.

A scenario from elsewhere must not make the loader read arbitrary files (``/etc/…``,
``../../`` out of its project, the kernel's ``/proc`` files) and echo what it found. A
parent is accepted when its name ends in ``.yaml`` / ``.yml`` and its real path (symlinks
resolved) lies

- under the scenario's **project root**: the nearest folder at or above the scenario
  file's real folder that holds a marker (:data:`MARKERS`: ``pyproject.toml``, ``.git``
  or an empty ``corridor-sim.toml`` put there to say "scenarios here may extend each
  other"; the file-system root itself never counts); without a marker, under the
  scenario's own folder only;
- under a folder the user allowed (``load_scenario(..., extends_dirs=[...])`` or the
  environment variable ``CORRIDOR_SIM_EXTENDS_PATH``, folders separated by ``os.pathsep``);
- or in the package (``package:NAME``).
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
MARKERS = ("pyproject.toml", ".git", "corridor-sim.toml")


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def project_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` (resolved) holding one of :data:`MARKERS`.

    ``None`` when there is none below the file-system root (which never counts).
    """
    folder = _real(folder)
    for candidate in (folder, *folder.parents):
        if candidate == Path(candidate.anchor):
            return None
        if any(os.path.lexists(candidate / marker) for marker in MARKERS):
            return candidate
    return None


@dataclass(frozen=True)
class ExtendsPolicy:
    """The folders ``extends`` may read from; the first is the scenario's project root
    (or its own folder when it has none: ``in_project`` then False)."""

    roots: tuple[Path, ...]
    in_project: bool = False

    @classmethod
    def for_scenario(cls, path: Path, extra: Sequence[str | Path] = ()) -> ExtendsPolicy:
        """The policy for a scenario file: its project root (else its folder), ``extra``
        and ``$CORRIDOR_SIM_EXTENDS_PATH``."""
        env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
        package = Path(str(resources.files("corridor_sim") / "data"))
        folder = _real(Path(path)).parent
        root = project_root(folder)
        dirs = [root or folder, *(_real(Path(d)) for d in (*extra, *env)), _real(package)]
        return cls(tuple(dirs), root is not None)

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
        where = (f"the project root {self.roots[0]} (the nearest folder above the scenario "
                 f"with {', '.join(MARKERS)})" if self.in_project
                 else f"the scenario's folder {self.roots[0]} (no {', '.join(MARKERS)} above it)")
        return Problem(
            "extends", f"'{name[:80]}' lies outside {where}",
            "copy it into that folder, put an empty corridor-sim.toml in a folder above both "
            f"files, or allow its folder explicitly with {ENV_VAR}=DIR "
            "(or load_scenario(..., extends_dirs=[DIR]))")
