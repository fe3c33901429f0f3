"""The timeline: dotted paths, and the scenario in force at any hour of a run.

Every reader of the timeline — the engine's dated changes and arrival clocks, the
static capacity window, feasibility, capacity expansions, calibration and ``--set``
overrides — goes through this module:

- :func:`get_path` / :func:`set_path` read and set a dotted path
  (``services.NAME.fleet.vehicles``, ``flows.NAME.route.1.share``) in a scenario
  model (validated on assignment; aliases such as ``from`` allowed) or in a plain
  document (mappings and lists);
- :func:`versions` replays the timeline's changes in date order (ties in file order)
  on copies: one :class:`Version` for the start and one per change;
- :func:`in_force` is the version in force at hour ``t_h``;
  :func:`flow_versions` the versions of one flow.

Versions are built once, before a run: the engine applies them and never validates
a model mid-run.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from corridor_sim.scenario.calendar import hours_since
from corridor_sim.scenario.schema import Flow, Scenario

OnError = Callable[[int, str, object, Exception], None]
"""Called with (change index, key, value, exception) for a value the schema rejects."""


# -- dotted paths ----------------------------------------------------------------


def field_name(model: BaseModel, name: str) -> str:
    """The attribute of field ``name`` of ``model`` (``name`` may be an alias such as ``from``)."""
    fields = type(model).model_fields
    return next((n for n, f in fields.items() if name in (n, f.alias)), name)


def step(node: Any, part: str) -> Any:
    """The child ``part`` of a mapping, list (by index) or model; KeyError if there is none."""
    if isinstance(node, BaseModel):
        attr = field_name(node, part)
        if attr in type(node).model_fields:
            return getattr(node, attr)
    elif isinstance(node, dict):
        if part in node:
            return node[part]
    elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node[int(part)]
    raise KeyError(part)


def get_path(root: Any, key: str) -> Any:
    """The value at dotted ``key``; KeyError naming the path where it stops."""
    node = root
    for part in key.split("."):
        try:
            node = step(node, part)
        except KeyError:
            raise KeyError(f"no scenario field at '{key}' (stops at '{part}')") from None
    return node


def set_path(root: Any, key: str, value: object) -> None:
    """Replace the existing value at dotted ``key`` in place.

    On a model the assignment is validated (pydantic ``ValidationError`` for a bad
    value); a path that does not exist raises KeyError.
    """
    parent, _, last = key.rpartition(".")
    node = get_path(root, parent) if parent else root
    try:
        step(node, last)
    except KeyError:
        raise KeyError(f"no scenario field at '{key}' (stops at '{last}')") from None
    if isinstance(node, BaseModel):
        setattr(node, field_name(node, last), value)
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


# -- versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """The scenario in force from ``start_h`` on.

    ``change`` is the index of the timeline change that made it (-1 for the start),
    ``keys`` the dotted paths that change set.
    """

    start_h: float
    change: int
    keys: tuple[str, ...]
    scenario: Scenario

    def path(self, default: str) -> str:
        """``default`` for the initial scenario, else the path of the change."""
        return default if self.change < 0 else f"timeline.{self.change}"

    def touches(self, table: str) -> bool:
        """True if the change sets a field of ``table`` (``services``, ``nodes``, ``flows``)."""
        return any(k.startswith(f"{table}.") for k in self.keys)


def change_order(scenario: Scenario) -> list[int]:
    """Indices of the timeline's changes in date order (ties in file order)."""
    return sorted(range(len(scenario.timeline)), key=lambda i: scenario.timeline[i].date)


def versions(scenario: Scenario, on_error: OnError | None = None) -> list[Version]:
    """The initial scenario and the scenario after each change, in date order.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario (not modified).
    on_error : callable, optional
        Receives each rejected assignment (the value is then left as it was);
        without it the first rejection raises.
    """
    start = scenario.run.start
    out = [Version(0.0, -1, (), scenario)]
    current = scenario.model_copy(deep=True)
    for i in change_order(scenario):
        change = scenario.timeline[i]
        for key, value in change.set.items():
            try:
                set_path(current, key, value)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(i, key, value, exc)
        out.append(Version(hours_since(start, change.date), i, tuple(change.set),
                           current.model_copy(deep=True)))
    return out


def in_force(history: Sequence[Version], t_h: float) -> Version:
    """The version in force at hour ``t_h`` (a change takes effect at its hour)."""
    i = bisect.bisect_right([v.start_h for v in history[1:]], t_h)
    return history[i]


def flow_versions(history: Sequence[Version], name: str) -> list[tuple[float, Flow]]:
    """The flow ``name`` after each change that touches it: (hour it takes effect, Flow)."""
    prefix = f"flows.{name}."
    return [(v.start_h, v.scenario.flows[name]) for v in history[1:]
            if any(k.startswith(prefix) for k in v.keys)]
