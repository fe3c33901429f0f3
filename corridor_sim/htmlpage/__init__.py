"""A self-contained HTML report of one or more scenarios (figures, tables, provenance)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from corridor_sim.scenario import Scenario

__all__ = ["build_report", "write_report"]


def build_report(scenarios: Sequence[Scenario | str | Path], replications: int = 1,
                 seed: int | None = None,
                 overrides: Sequence[str] | Mapping[str, Any] | None = None) -> str:
    """Simulate the scenarios and return the report as one HTML string.

    Parameters
    ----------
    scenarios : sequence of Scenario or path
        Scenarios (YAML files are loaded with ``overrides``); the first is the base
        of the comparison when there are several.
    replications : int
        Runs per scenario. One: the integer ``seed``, as ``corridor-sim run``. More:
        child ``i`` of ``SeedSequence(seed)``, as ``corridor-sim experiment``; tables
        then show means with 95 % intervals and the probability of each target.
    seed : int, optional
        Root seed (default: each scenario's ``run.seed``).
    overrides : sequence of "dotted.path=value", optional
        Applied to every scenario loaded from a file.

    Returns
    -------
    str
        A complete HTML document: figures are embedded PNG (base64), no external file.
    """
    from corridor_sim.api import package_version
    from corridor_sim.htmlpage.page import render_page
    from corridor_sim.htmlpage.runs import run_scenarios

    if not scenarios:
        raise ValueError("a report needs at least one scenario")
    runs = run_scenarios(scenarios, replications, seed, overrides)
    return render_page(runs, package_version())


def write_report(scenarios: Sequence[Scenario | str | Path], out: str | Path,
                 replications: int = 1, seed: int | None = None,
                 overrides: Sequence[str] | Mapping[str, Any] | None = None) -> Path:
    """Write :func:`build_report` to ``out`` (UTF-8); return the path."""
    from corridor_sim.io.atomic import atomic_write_text

    path = Path(out)
    text = build_report(scenarios, replications, seed, overrides)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)
