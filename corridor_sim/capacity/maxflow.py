"""Maximum flow and minimum cut per scope and cargo class (networkx).

For one class, the graph holds only the services on the resolved routes of the
scope's flows of that class (a flow may use only what the simulation gives it).
Each node is split into a chain ``in -> h -> d -> out``:

- ``in -> h``: berths and handling. A node only passed through handles each unit
  twice (unloaded, loaded), so the arc carries half the berth capacity; a node
  where some of these flows start or end gets the full capacity (one handling a
  unit), which keeps the bound an upper bound where both kinds of cargo meet;
- ``h -> d``: the design capacity fields;
- ``d -> out``: the yard (Little's law), for nodes only passed through.

A super source feeds the origins' ``in``; destinations' ``d`` drain to a super
sink. A service is an arc ``u.out -> service -> v.in`` whose capacity is its
fleet cycle and timetable capacity for this class alone. Capacities are in TEU a
year for containers and t a year otherwise. The minimum cut names the bottleneck;
where several cuts tie, networkx returns the one nearest the origins.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from corridor_sim.capacity.loads import FlowDemand, t_per_teu
from corridor_sim.capacity.scopes import Scope
from corridor_sim.capacity.supply import Row

SOURCE, SINK = ("source",), ("sink",)
INF = math.inf
ELEMENT_OF_ARC = {("in", "h"): "node", ("h", "d"): "design", ("d", "out"): "yard"}
ElementKey = tuple[str, str]


@dataclass(frozen=True)
class Cut:
    """Max flow of one class in one scope (class units a year) and its minimum cut."""

    scope: str
    cargo: str
    max_flow: float
    demand: float
    elements: tuple[ElementKey, ...]
    t_per_teu: float
    crossings: float

    @property
    def unit(self) -> str:
        """``TEU`` for containers, ``t`` otherwise."""
        return "TEU" if self.cargo == "container" else "t"

    @property
    def t_factor(self) -> float:
        """Tonnes per class unit."""
        return self.t_per_teu if self.cargo == "container" else 1.0

    @property
    def teu_factor(self) -> float:
        """TEU per class unit."""
        return 1.0 if self.cargo == "container" else 0.0

    def record(self, label_of: Callable[[ElementKey], str]) -> dict[str, Any]:
        """One row of the max-flow table."""
        return {
            "scope": self.scope, "cargo": self.cargo, "unit": self.unit,
            "max_flow": self.max_flow,
            "max_flow_t_per_year": self.max_flow * self.t_factor,
            "max_flow_teu_per_year": self.max_flow * self.teu_factor,
            "demand": self.demand, "utilization": ratio(self.demand, self.max_flow),
            "scope_bound_t_per_year": self.max_flow * self.t_factor * self.crossings,
            "scope_bound_teu_per_year": self.max_flow * self.teu_factor * self.crossings,
            "cut": " + ".join(f"{k}:{n}" for k, n in self.elements),
            "bottleneck": " + ".join(label_of(k) for k in self.elements) if self.elements
            else "none (no finite capacity on the routes)",
        }


def ratio(a: float, b: float) -> float:
    """``a / b`` with 0/0 = 0, a/0 = inf and a/inf = 0."""
    if b == 0.0:
        return INF if a > 0 else 0.0
    return a / b if math.isfinite(b) else 0.0


def _caps(rows: list[Row], cargo: str) -> dict[ElementKey, float]:
    """Class capacity per element: the smallest over its rows, in the row's measure."""
    out: dict[ElementKey, float] = {}
    for row in rows:
        if not row.enforced:
            continue  # a design capacity the engine does not hold cargo to
        cap = row.cap.get(cargo, 0.0)
        out[(row.kind, row.name)] = min(out.get((row.kind, row.name), INF), cap)
    return out


def _arc(g: nx.DiGraph, a: Any, b: Any, cap: float) -> None:
    if math.isfinite(cap):
        g.add_edge(a, b, capacity=cap)
    else:
        g.add_edge(a, b)  # no capacity attribute: unbounded for networkx


def class_graph(rows: list[Row], flows: list[FlowDemand], cargo: str) -> nx.DiGraph:
    """The split-node graph of one class for ``flows`` (all of that class)."""
    caps = _caps(rows, cargo)
    routes = [r for f in flows for r in f.routes]
    ends = {r.nodes[0] for r in routes} | {r.nodes[-1] for r in routes}
    g = nx.DiGraph()
    for n in {n for r in routes for n in r.nodes}:
        handled = caps.get(("node", n), INF)
        _arc(g, ("node", n, "in"), ("node", n, "h"), handled if n in ends else handled / 2.0)
        _arc(g, ("node", n, "h"), ("node", n, "d"), caps.get(("design", n), INF))
        _arc(g, ("node", n, "d"), ("node", n, "out"),
             INF if n in ends else caps.get(("yard", n), INF))
    for r in routes:
        g.add_edge(SOURCE, ("node", r.nodes[0], "in"))
        g.add_edge(("node", r.nodes[-1], "d"), SINK)
        for svc, u, v in zip(r.services, r.nodes[:-1], r.nodes[1:]):
            _arc(g, ("node", u, "out"), ("service", svc), caps.get(("service", svc), INF))
            g.add_edge(("service", svc), ("node", v, "in"))
    return g


def _cut_elements(g: nx.DiGraph, side: set[Any]) -> tuple[ElementKey, ...]:
    out = []
    for a in side:
        for b in g[a]:
            if b in side or "capacity" not in g[a][b]:
                continue
            if b[0] == "service":
                out.append(("service", b[1]))
            elif a[0] == "node" and b[0] == "node":
                out.append((ELEMENT_OF_ARC[(a[2], b[2])], a[1]))
    return tuple(sorted(out))


def one_way_groups(flows: list[FlowDemand]) -> list[list[FlowDemand]]:
    """Flows in groups where no node is both a start and an end (two-way traffic).

    One super source and sink would let cargo "start" and "end" at a node that is the
    origin of one flow and the destination of another, unbounded; each group is cut
    on its own and the sum is the bound (an upper bound of the joint flow). One-way
    flows stay one group.
    """
    groups: list[tuple[list[FlowDemand], set[str], set[str]]] = []
    for f in flows:
        starts = {r.nodes[0] for r in f.routes}
        ends = {r.nodes[-1] for r in f.routes}
        for members, g_starts, g_ends in groups:
            if not (starts | g_starts) & (ends | g_ends):
                members.append(f)
                g_starts |= starts
                g_ends |= ends
                break
        else:
            groups.append(([f], set(starts), set(ends)))
    return [members for members, _, _ in groups]


def min_cut(rows: list[Row], flows: list[FlowDemand], cargo: str
            ) -> tuple[float, tuple[ElementKey, ...]]:
    """Max flow of one class (class units a year) and the elements on a minimum cut
    (summed over one-way groups, see :func:`one_way_groups`)."""
    total, elements = 0.0, set()
    for group in one_way_groups(flows):
        g = class_graph(rows, group, cargo)
        try:
            value, (side, _) = nx.minimum_cut(g, SOURCE, SINK)
        except nx.NetworkXUnbounded:
            return INF, ()
        total += float(value)
        elements |= set(_cut_elements(g, set(side)))
    return total, tuple(sorted(elements))


def scope_cuts(rows: list[Row], demands: dict[str, FlowDemand], scope: Scope) -> list[Cut]:
    """One :class:`Cut` per cargo class of the scope's flows."""
    by_class: dict[str, list[FlowDemand]] = {}
    for name in scope.flows:
        by_class.setdefault(demands[name].cargo, []).append(demands[name])
    out = []
    for cargo in sorted(by_class):
        flows = by_class[cargo]
        value, elements = min_cut(rows, flows, cargo)
        attr = "teu_per_year" if cargo == "container" else "t_per_year"
        demand = sum(getattr(f, attr) for f in flows)
        mix = {"container": sum(f.teu_per_year for f in flows),
               "container_t": sum(f.t_per_year for f in flows)}
        crossings = max(scope.peak[f.name] for f in flows)
        out.append(Cut(scope.label, cargo, value, demand, elements, t_per_teu(mix), crossings))
    return out
