"""The capacity model of a scenario: demand, loads and resource rows, and scope bounds.

The *scale bound* of a scope answers "how far can the scope's flows grow, on their
own routes and in their own mix, while every other flow keeps its demand?": the
largest ``s`` with ``use_other(row) + s * use_scope(row) <= supply(row)`` for every
resource row. The scope then carries ``s`` times its demand; the row that sets
``s`` is the bottleneck. This is the bound the simulation approaches when demand
grows, with cargo classes sharing fleets and berths exactly as they do there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from corridor_sim.capacity.loads import (
    ElementKey,
    FlowDemand,
    Loads,
    element_loads,
    flow_demands,
    global_t_per_teu,
    t_per_teu,
)
from corridor_sim.capacity.scopes import Scope, make_scope
from corridor_sim.capacity.supply import Row, window_rows
from corridor_sim.capacity.window import without_closures
from corridor_sim.network.routing import Route, resolve_routes
from corridor_sim.scenario.schema import Scenario

INF = math.inf
TABLE_MEASURE = {"service": "carried", "node": "throughput", "design": "throughput",
                 "yard": "transit_in"}


@dataclass
class CapacityModel:
    """Everything the static bounds are computed from (demand and routes held fixed)."""

    scenario: Scenario
    routes: dict[str, tuple[Route, ...]]
    demands: dict[str, FlowDemand]
    loads: Loads
    rows: list[Row]
    default_t_per_teu: float
    closures: bool = True

    def tpt_of(self, key: ElementKey) -> float:
        """Tonnes per TEU of the containers an element carries (the global mix if none)."""
        measure = "carried" if key[0] == "service" else "throughput"
        return t_per_teu(self.loads.total(key, measure), self.default_t_per_teu)

    def rows_for(self, scenario: Scenario) -> list[Row]:
        """Resource rows of a variant of the scenario (same demand, same routes)."""
        return window_rows(scenario if self.closures else without_closures(scenario),
                           self.tpt_of)

    def scope(self, label: str) -> Scope:
        """The scope written ``label`` (``group:NAME``, ``flows``, ...)."""
        return make_scope(self.scenario, self.demands, label)

    def label_of(self, key: ElementKey) -> str:
        """Readable name of an element, e.g. ``rail-ferry fleet kuryk-alat``."""
        kind, name = key
        if kind == "service":
            mode = self.scenario.services[name].mode.replace("_", "-")
            return f"{mode} fleet {name}"
        return {"node": f"{name} berths", "design": f"{name} design capacity",
                "yard": f"{name} yard"}[kind]


def build_model(scenario: Scenario, closures: bool = True) -> CapacityModel:
    """Resolve routes, expected demand over the window, loads and resource rows.

    With ``closures=False`` weather and dated closures are ignored: the hard limits
    of fleets, timetables, berths, design figures and yards, which no run can pass.
    """
    routes = resolve_routes(scenario)
    demands = flow_demands(scenario, routes)
    model = CapacityModel(scenario, routes, demands, element_loads(demands), [],
                          global_t_per_teu(demands), closures)
    model.rows = model.rows_for(scenario)
    return model


def row_use(model: CapacityModel, row: Row, scale: dict[str, float] | None = None) -> float:
    """Supply of ``row`` that the flows use (each flow times ``scale``; None: all at 1)."""
    return row.use(model.loads.total(row.element, row.measure, scale))


@dataclass(frozen=True)
class ScaleBound:
    """How far a scope's demand can be multiplied, and the row that stops it."""

    scope: Scope
    scale: float
    row: Row | None
    demand_t_per_year: float
    demand_teu_per_year: float

    @property
    def bound_t_per_year(self) -> float:
        """Scope throughput at the bound, t a year."""
        return _times(self.scale, self.demand_t_per_year)

    @property
    def bound_teu_per_year(self) -> float:
        """Scope throughput at the bound, TEU a year."""
        return _times(self.scale, self.demand_teu_per_year)


def _times(a: float, b: float) -> float:
    return 0.0 if b == 0.0 else a * b


def split_scale(model: CapacityModel, scope: Scope, factor: float = 1.0
                ) -> tuple[dict[str, float], dict[str, float]]:
    """Flow multipliers for the scope's flows (``factor``) and for the others (1)."""
    inside = set(scope.flows)
    return ({f: factor for f in model.demands if f in inside},
            {f: 1.0 for f in model.demands if f not in inside})


def scale_bound(model: CapacityModel, scope: Scope, rows: list[Row] | None = None) -> ScaleBound:
    """The largest multiple of the scope's demand that fits, other flows unchanged."""
    inside, others = split_scale(model, scope)
    best, limit = INF, None
    for row in model.rows if rows is None else rows:
        if not row.enforced:
            continue
        mine = row_use(model, row, inside)
        if mine <= 0.0 or math.isinf(row.supply):
            continue
        room = (row.supply - row_use(model, row, others)) / mine
        if room < best:
            best, limit = max(room, 0.0), row
    t, teu = scope.demand(model.demands)
    return ScaleBound(scope, best, limit, t, teu)
