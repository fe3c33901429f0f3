"""Where a command writes when no ``--out`` is given."""

from __future__ import annotations

from pathlib import Path


def default_out(scenario: Path, name: str, resume: bool = False) -> Path:
    """``runs/<scenario stem>/<name>``; a fresh run never reuses an existing directory.

    An existing directory gets a numbered sibling (``<name>-1``, ...), unless ``resume``
    asks to continue what it holds.
    """
    base = Path("runs") / scenario.stem / name
    candidate, k = base, 1
    while candidate.exists() and not resume:
        candidate = base.with_name(f"{base.name}-{k}")
        k += 1
    return candidate
