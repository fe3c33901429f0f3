"""A self-contained HTML report of one or more scenarios (figures, tables, provenance)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from corridor_sim.scenario import Scenario

__all__ = ["build_report", "write_report"]


def build_report(scenarios: Sequence[Scenario | str | Path], replications: int = 1,
                 seed: int | None = None,
                 overrides: Sequence[str] | Mapping[str, Any] | None = None,
                 on_run: Callable[[], None] | None = None,
                 route_choice: Mapping[str, Any] | None = None,
                 on_message: Callable[[str], None] | None = None) -> str:
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
    on_run : callable, optional
        Called after each simulation (for a progress bar).
    route_choice : mapping, optional
        Add the route-choice section: the scenarios' congestion fixed points, replicated
        and compared (:func:`corridor_sim.experiments.choice_compare.compare_choice`; the
        mapping holds its keyword arguments, e.g. ``{"replications": 10, "iterations": 6}``;
        ``{}`` takes its defaults).
    on_message : callable, optional
        Called with a line of text at each fixed-point iteration (progress).

    Returns
    -------
    str
        A complete HTML document: figures are embedded PNG (base64), no external file.
    """
    from corridor_sim.api import package_version
    from corridor_sim.htmlpage.page import render_page
    from corridor_sim.htmlpage.runs import load_labelled, run_scenario

    if not scenarios:
        raise ValueError("a report needs at least one scenario")
    loaded = load_labelled(scenarios, overrides)  # read once: the runs and the choice share them
    runs = [run_scenario(s, label, source, replications, seed, on_run) for s, label, source in loaded]
    sections: list[str] = []
    if route_choice is not None:
        from corridor_sim.experiments.choice_compare import compare_choice
        from corridor_sim.htmlpage.choice_section import choice_section

        named = [s.model_copy(update={"name": label}) for s, label, _ in loaded]
        comparison = compare_choice(named, progress=on_message, **dict(route_choice))
        sections.append(choice_section(comparison))
    return render_page(runs, package_version(), sections=sections)


def write_report(scenarios: Sequence[Scenario | str | Path], out: str | Path,
                 replications: int = 1, seed: int | None = None,
                 overrides: Sequence[str] | Mapping[str, Any] | None = None,
                 on_run: Callable[[], None] | None = None,
                 route_choice: Mapping[str, Any] | None = None,
                 on_message: Callable[[str], None] | None = None) -> Path:
    """Write :func:`build_report` to ``out`` (UTF-8); return the path."""
    from corridor_sim.io.atomic import atomic_write_text

    path = Path(out)
    text = build_report(scenarios, replications, seed, overrides, on_run, route_choice, on_message)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_text(path, text)
