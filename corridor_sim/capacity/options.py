"""Expansion options a scenario offers (``expandable:``), checked and applied.

A service or node lists fields a planner may buy more of::

    services:
      kuryk-alat-ferry:
        expandable: {fleet.vehicles: {step: 1, max_steps: 6, unit_cost_usd: 4.0e7}}
    nodes:
      alat:
        expandable: {berths: {step: 1, max_steps: 2, unit_cost_usd: 6.0e7}}

Buying ``k`` steps adds ``k * step`` to the field (rounded for whole-number fields,
at most 1 for fractions) for ``k * unit_cost_usd``. Where the timeline sets the
same field later, the steps are added there too: an expansion is extra capacity
on top of whatever the programme already plans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.errors import Problem, ScenarioError, suggest
from corridor_sim.scenario.schema import ExpansionOption, Scenario
from corridor_sim.scenario.timeline import get_path, set_path

SERVICE_FIELDS = {
    "fleet.vehicles": "int", "fleet.capacity_wagons": "int", "fleet.capacity_teu": "float",
    "fleet.capacity_t": "float", "fleet.availability": "fraction", "capacity_factor": "fraction",
}
NODE_FIELDS = {
    "berths": "int", **{f"handling.{k.handling_rate}": "float" for k in CARGO.values()},
    "yard_teu": "float", "yard_t": "float",
    "capacity_t_per_year": "float", "capacity_teu_per_year": "float",
}


@dataclass(frozen=True, eq=False)
class Option:
    """One expandable field of one service or node, with its base value (hashed by identity)."""

    table: str
    name: str
    field: str
    kind: str
    base: float
    option: ExpansionOption

    @property
    def path(self) -> str:
        """Dotted scenario path, e.g. ``services.kuryk-alat.fleet.vehicles``."""
        return f"{self.table}.{self.name}.{self.field}"

    @property
    def element_kind(self) -> str:
        """``service`` or ``node``."""
        return "service" if self.table == "services" else "node"

    @property
    def max_steps(self) -> int:
        """Steps that can be bought (fractions stop at 1)."""
        if self.kind == "fraction":
            room = math.floor((1.0 - self.base) / self.option.step + 1e-9)
            return max(0, min(self.option.max_steps, room))
        return self.option.max_steps

    def value(self, start: float, steps: int) -> float | int:
        """``start`` plus ``steps`` steps, in the field's type."""
        v = start + steps * self.option.step
        if self.kind == "int":
            return int(round(v))
        return min(v, 1.0) if self.kind == "fraction" else v

    def cost_usd(self, steps: int) -> float:
        """Cost of ``steps`` steps."""
        return steps * self.option.unit_cost_usd


def _check(table: str, name: str, field: str, opt: ExpansionOption, allowed: dict[str, str],
           base: Any) -> Problem | None:
    path = f"{table}.{name}.expandable.{field}"
    if field not in allowed:
        return Problem(path, f"cannot plan expansions of '{field}'", suggest(field, allowed))
    if base is None:
        return Problem(path, f"'{field}' is not set on '{name}'",
                       "state the current figure; an expansion adds to it")
    if allowed[field] == "int" and abs(opt.step - round(opt.step)) > 1e-9:
        return Problem(f"{path}.step", f"'{field}' is a whole number; the step must be too",
                       f"got {opt.step}")
    return None


def expansion_options(scenario: Scenario) -> list[Option]:
    """Every expansion the scenario offers; a ScenarioError lists unusable ones."""
    out: list[Option] = []
    problems: list[Problem] = []
    sources: list[tuple[str, str, dict[str, ExpansionOption], dict[str, str]]] = [
        *(("services", n, s.expandable, SERVICE_FIELDS) for n, s in scenario.services.items()),
        *(("nodes", n, nd.expandable, NODE_FIELDS) for n, nd in scenario.nodes.items()),
    ]
    for table, name, expandable, allowed in sources:
        for field, opt in expandable.items():
            base = get_path(scenario, f"{table}.{name}.{field}") if field in allowed else None
            problem = _check(table, name, field, opt, allowed, base)
            if problem is not None or base is None:
                problems += [problem] if problem is not None else []
                continue
            out.append(Option(table, name, field, allowed[field], float(base), opt))
    if problems:
        raise ScenarioError(scenario.name, problems)
    return out


def expanded(scenario: Scenario, steps: dict[Option, int]) -> Scenario:
    """A copy of the scenario with ``steps`` bought of each option (timeline included)."""
    out = scenario.model_copy(deep=True)
    for opt, k in steps.items():
        if k == 0:
            continue
        set_path(out, opt.path, opt.value(opt.base, k))
        for change in out.timeline:
            if opt.path in change.set:
                change.set[opt.path] = opt.value(float(change.set[opt.path]), k)
    return out


def override_text(opt: Option, steps: int) -> str:
    """The ``--set`` override that buys ``steps`` of ``opt``."""
    v = opt.value(opt.base, steps)
    return f"{opt.path}={v:g}" if isinstance(v, float) else f"{opt.path}={v}"
