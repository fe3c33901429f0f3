"""Scenario errors that name the file, the field path and a suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario.

    Attributes
    ----------
    path : str
        Dotted field path, e.g. ``services.aktau-alat.fleet.vehicles``.
    message : str
        What is wrong.
    suggestion : str
        How to mend it ("" if none).
    """

    path: str
    message: str
    suggestion: str = ""

    def render(self) -> str:
        """One line: ``path: message (suggestion)``."""
        text = f"{self.path or '<top>'}: {self.message}"
        return f"{text} — {self.suggestion}" if self.suggestion else text


@dataclass
class ScenarioError(Exception):
    """A scenario that cannot be used, with every problem found in it."""

    source: str
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        """A message naming the file and each field path."""
        head = f"{self.source}: invalid scenario"
        lines = [f"  {p.render()}" for p in self.problems]
        return "\n".join([head, *lines])

    def __str__(self) -> str:
        return self.render()


class ScenarioWarning(UserWarning):
    """A valid scenario that will do something its author may not expect."""


def suggest(name: str, choices: Iterable[str]) -> str:
    """A "did you mean" hint for ``name`` among ``choices`` ("" if nothing is close)."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(options) <= 12:
        return f"valid: {', '.join(options)}"
    return ""


def dotted(loc: Sequence[object]) -> str:
    """Join a pydantic error location into a dotted path."""
    return ".".join(str(part) for part in loc)


def unique_problems(problems: list[Problem]) -> list[Problem]:
    """The problems in order, each (path, message) once."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.path, p.message) not in seen:
            seen.add((p.path, p.message))
            out.append(p)
    return out
