"""``plan_expansions``: the cheapest expansions that lift a scope's bound to a target.

The target (t a year and/or TEU a year of a scope, e.g. ``group:trans_caspian``)
is met when the scope's flows, multiplied by ``s = max(target_t / demand_t,
target_teu / demand_teu)`` on their own routes and mix while every other flow keeps
its demand, fit every resource row (see :mod:`corridor_sim.capacity.scale`).

The integer programme (``scipy.optimize.milp``) has one binary per option and step
count (``z[o, k]``, exactly one ``k`` per option) and minimises the cost
``sum k * unit_cost * z[o, k]``. For each resource row, the change in supply and in
the supply used that each ``(o, k)`` brings alone is computed by re-evaluating the
scenario, and the row must hold with these changes added up. Adding up is exact
when a row depends on one option, or on one supply option (vehicles, berths) and
options that change what a unit uses (rates, vehicle size). Where options
interact otherwise, the sum can be off either way, so every plan is checked on the
expanded scenario; a plan that fails the check is excluded and the programme
solved again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from corridor_sim.capacity.options import Option, expanded, expansion_options, override_text
from corridor_sim.capacity.scale import CapacityModel, build_model, row_use, scale_bound, split_scale
from corridor_sim.capacity.scopes import Scope, headline_scope
from corridor_sim.capacity.supply import Row
from corridor_sim.scenario.schema import Scenario

STEP_COLUMNS = ["element_kind", "name", "field", "steps", "from_value", "to_value", "cost_usd",
                "override"]
MAX_ROUNDS = 30
TOL = 1e-9


@dataclass
class ExpansionPlan:
    """The cheapest expansion set found for a target (all figures a year)."""

    scope: str
    target_t_per_year: float | None
    target_teu_per_year: float | None
    required_scale: float
    feasible: bool
    message: str
    steps: pd.DataFrame
    total_cost_usd: float
    bound_before_t_per_year: float
    bound_before_teu_per_year: float
    bound_after_t_per_year: float = math.nan
    bound_after_teu_per_year: float = math.nan
    limited_after_by: str = ""
    overrides: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (NaN and infinities become None)."""
        out: dict[str, Any] = {}
        for k, v in self.__dict__.items():
            if isinstance(v, pd.DataFrame):
                v = [{c: _plain(x) for c, x in r.items()} for r in v.to_dict("records")]
            out[k] = _plain(v)
        return out


def _plain(v: Any) -> Any:
    if hasattr(v, "item"):
        v = v.item()
    return None if isinstance(v, float) and not math.isfinite(v) else v


def required_scale(scope: Scope, model: CapacityModel, target_t: float | None,
                   target_teu: float | None) -> tuple[float, str]:
    """The multiple of the scope's demand that meets the target ('' or why it cannot)."""
    d_t, d_teu = scope.demand(model.demands)
    need = 0.0
    for target, demand, unit in ((target_t, d_t, "tonnes"), (target_teu, d_teu, "TEU")):
        if not target:
            continue
        if demand <= 0:
            return math.inf, f"no flow of {scope.label} carries {unit}: expansions cannot help"
        need = max(need, target / demand)
    return need, ""


def _evaluate(model: CapacityModel, rows: list[Row], scale: dict[str, float]
              ) -> dict[tuple[str, str, str], tuple[float, float]]:
    return {r.key: (r.supply, row_use(model, r, scale)) for r in rows}


@dataclass
class _Programme:
    options: list[Option]
    columns: list[tuple[int, int]]
    cost: np.ndarray
    a_ub: np.ndarray
    b_ub: np.ndarray
    hopeless: list[str]


def _programme(model: CapacityModel, options: list[Option], scale: dict[str, float]
               ) -> _Programme:
    base = _evaluate(model, model.rows, scale)
    columns = [(i, k) for i, o in enumerate(options) for k in range(o.max_steps + 1)]
    delta: dict[tuple[int, int], dict[tuple[str, str, str], float]] = {}
    for i, k in columns:
        if k == 0:
            continue
        rows = model.rows_for(expanded(model.scenario, {options[i]: k}))
        ev = _evaluate(model, rows, scale)
        delta[(i, k)] = {key: (ev[key][1] - used) - (ev[key][0] - supply)
                         for key, (supply, used) in base.items() if key in ev}
    keys = [key for key, (s, u) in base.items() if u > 0 and math.isfinite(s)]
    a = np.zeros((len(keys), len(columns)))
    b = np.zeros(len(keys))
    hopeless = []
    for r, key in enumerate(keys):
        supply, used = base[key]
        norm = max(supply, used, 1e-12)
        b[r] = (supply - used) / norm + TOL
        for j, col in enumerate(columns):
            if col[1]:
                a[r, j] = delta[col].get(key, 0.0) / norm
        best = b[r] - sum(min(0.0, *(a[r, j] for j, c in enumerate(columns) if c[0] == i))
                          for i in range(len(options)))
        if best < 0:
            hopeless.append(model.label_of((key[0], key[1])))
    cost = np.array([options[i].cost_usd(k) for i, k in columns])
    return _Programme(options, columns, cost, a, b, hopeless)


def _solve(p: _Programme, cuts: list[list[int]]) -> list[int] | None:
    n = len(p.columns)
    eq = np.zeros((len(p.options), n))
    for j, (i, _) in enumerate(p.columns):
        eq[i, j] = 1.0
    cons = [LinearConstraint(eq, 1.0, 1.0)]
    if len(p.b_ub):
        cons.append(LinearConstraint(p.a_ub, -np.inf, p.b_ub))
    for cut in cuts:
        row = np.zeros(n)
        row[cut] = 1.0
        cons.append(LinearConstraint(row, -np.inf, len(cut) - 1))
    res = milp(p.cost, constraints=cons, integrality=np.ones(n), bounds=Bounds(0, 1))
    if res.status != 0 or res.x is None:
        return None
    return [j for j in range(n) if res.x[j] > 0.5]


def _steps_table(p: _Programme, chosen: list[int]) -> tuple[pd.DataFrame, dict[Option, int]]:
    steps = {p.options[p.columns[j][0]]: p.columns[j][1] for j in chosen if p.columns[j][1]}
    recs = [{"element_kind": o.element_kind, "name": o.name, "field": o.field, "steps": k,
             "from_value": o.base, "to_value": float(o.value(o.base, k)),
             "cost_usd": o.cost_usd(k), "override": override_text(o, k)}
            for o, k in steps.items()]
    return pd.DataFrame(recs, columns=STEP_COLUMNS), steps


def plan_expansions(scenario: Scenario, target_t: float | None = None,
                    target_teu: float | None = None, scope: str | None = None) -> ExpansionPlan:
    """The least-cost expansions (among ``expandable:`` options) that meet a target.

    Parameters
    ----------
    scenario : Scenario
        The scenario; its ``expandable`` options on services and nodes are the menu.
    target_t, target_teu : float, optional
        Throughput the scope must reach, t a year and TEU a year.
    scope : str, optional
        ``group:NAME``, ``flows``, ...; default as in :func:`capacity_bounds`.

    Returns
    -------
    ExpansionPlan
        Steps to buy (with ``--set`` overrides), total cost, bound before and after.
    """
    model = build_model(scenario)
    sc = model.scope(scope or headline_scope(scenario))
    before = scale_bound(model, sc)
    need, why = required_scale(sc, model, target_t, target_teu)
    plan = ExpansionPlan(sc.label, target_t, target_teu, need, False, why,
                         pd.DataFrame(columns=STEP_COLUMNS), 0.0,
                         before.bound_t_per_year, before.bound_teu_per_year)
    if why:
        return plan
    if before.scale >= need * (1 - TOL):
        return _finish(plan, model, sc, {}, ALREADY_COVERED)
    return _search(plan, model, sc, expansion_options(scenario), need)


ALREADY_COVERED = ("the capacity bound (an upper limit, not a forecast) already covers the target: "
                   "no expansion needed on paper")


def _search(plan: ExpansionPlan, model: CapacityModel, sc: Scope, options: list[Option],
            need: float) -> ExpansionPlan:
    scale = {**split_scale(model, sc, need)[0], **split_scale(model, sc)[1]}
    prog = _programme(model, options, scale)
    if prog.hopeless:
        what = ("over capacity at the target even with every expansion step bought: "
                if options else "over capacity at the target, and the scenario marks nothing "
                "expandable: ")
        plan.message = what + ", ".join(sorted(set(prog.hopeless)))
        return plan
    cuts: list[list[int]] = []
    for _ in range(MAX_ROUNDS):
        chosen = _solve(prog, cuts)
        if chosen is None:
            plan.message = "no combination of the expandable options reaches the target"
            return plan
        table, steps = _steps_table(prog, chosen)
        after = scale_bound(model, sc, model.rows_for(expanded(model.scenario, steps)))
        if after.scale >= need * (1 - 1e-7):
            plan.steps = table
            return _finish(plan, model, sc, steps, "target met")
        cuts.append(chosen)
    plan.message = f"no plan passed the check in {MAX_ROUNDS} rounds"
    return plan


def _finish(plan: ExpansionPlan, model: CapacityModel, sc: Scope, steps: dict[Option, int],
            message: str) -> ExpansionPlan:
    after = scale_bound(model, sc, model.rows_for(expanded(model.scenario, steps)))
    plan.feasible = True
    plan.message = message
    plan.total_cost_usd = float(sum(o.cost_usd(k) for o, k in steps.items()))
    plan.bound_after_t_per_year = after.bound_t_per_year
    plan.bound_after_teu_per_year = after.bound_teu_per_year
    plan.limited_after_by = "" if after.row is None else model.label_of(
        (after.row.kind, after.row.name))
    plan.overrides = [override_text(o, k) for o, k in steps.items()]
    return plan
