"""Where the calibration finds its scenarios and writes its page, from any directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_ROOT = PACKAGE.parent
"""The checkout the package runs from (its ``scenarios/`` and ``docs/``, where present)."""


def resolve_scenario(path: str | Path) -> Path:
    """``path`` if it exists; else the same relative path in the package's source tree.

    ``scenarios/baseline_2024.yaml`` therefore works from any directory of a checkout
    or an editable install; an explicit path is always used as given.
    """
    p = Path(path)
    if p.exists() or p.is_absolute():
        return p
    for candidate in (SOURCE_ROOT / p, SOURCE_ROOT / "scenarios" / p.name):
        if candidate.is_file():
            return candidate
    return p


def default_doc() -> Path:
    """docs/calibration.md of the source tree."""
    return SOURCE_ROOT / "docs" / "calibration.md"
