"""Route choice: least generalized cost, a fixed node list, shares over alternatives, or
a logit choice among alternatives (:mod:`corridor_sim.network.choice`).

Generalized cost of moving one tonne over a service, in USD/t::

    (expected wait + transit + clearance at the far node) [h] * value of time [USD/(t h)]
    + tariff [USD/t] + handling fee at the far node [USD/t]

Container tariffs per TEU are divided by the flow's ``t_per_teu``.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.schema import Flow, Node, RouteChoice, Scenario, Service, Shares


@dataclass(frozen=True)
class Route:
    """One path of a flow: its nodes, the services between them, and its share of lots."""

    nodes: tuple[str, ...]
    services: tuple[str, ...]
    share: float = 1.0

    @property
    def label(self) -> str:
        """Nodes joined by '>' (e.g. ``china>altynkol>aktau``)."""
        return ">".join(self.nodes)


def expected_wait_h(svc: Service) -> float:
    """Mean wait for a departure, in hours (half a headway or half the maximum wait)."""
    return svc.departure.expected_wait_h


def charge_usd(teu: float, t: float, per_teu_usd: float, per_t_usd: float) -> float:
    """A tariff or fee for ``teu`` TEU weighing ``t`` tonnes, USD.

    Containers (``teu > 0``) pay the per-TEU rate where one is set, else the per-tonne
    rate; other cargo pays the per-tonne rate.
    """
    if teu > 0.0 and per_teu_usd > 0.0:
        return teu * per_teu_usd
    return t * per_t_usd


def leg_hours(svc: Service, far: Node) -> float:
    """Expected hours of one leg: wait for a departure, transit, clearance at ``far``."""
    return expected_wait_h(svc) + svc.transit_h.mean + far.dwell_h.mean


def leg_money_usd_per_t(svc: Service, far: Node, flow: Flow) -> float:
    """Tariff of ``svc`` and handling fee at ``far`` for one tonne of ``flow``, USD/t."""
    teu, t = flow.lot_size_teu, flow.lot_size_t
    return (charge_usd(teu, t, svc.tariff_usd_per_teu, svc.tariff_usd_per_t)
            + charge_usd(teu, t, far.handling_fee_usd_per_teu, far.handling_fee_usd_per_t)) / t


def cost_per_t(svc: Service, far: Node, flow: Flow) -> float:
    """Generalized cost of one tonne of ``flow`` over ``svc`` to node ``far``, USD/t."""
    return (leg_hours(svc, far) * flow.value_of_time_usd_per_t_h
            + leg_money_usd_per_t(svc, far, flow))


def best_service(scenario: Scenario, u: str, v: str, flow: Flow,
                 enabled_only: bool = False) -> str | None:
    """Cheapest service from ``u`` to ``v`` that carries the flow's cargo (None if none)."""
    options = [
        (cost_per_t(svc, scenario.nodes[v], flow), name)
        for name, svc in scenario.services.items()
        if svc.from_ == u and svc.to == v and svc.carries(flow.cargo)
        and (svc.enabled or not enabled_only)
    ]
    return min(options)[1] if options else None


def cheapest_path(scenario: Scenario, flow: Flow) -> list[str] | None:
    """Node list of the least-cost path for ``flow`` over enabled services (None if none)."""
    graph = nx.DiGraph()
    for svc in scenario.services.values():
        if not svc.enabled or not svc.carries(flow.cargo):
            continue
        w = cost_per_t(svc, scenario.nodes[svc.to], flow)
        if not graph.has_edge(svc.from_, svc.to) or graph[svc.from_][svc.to]["w"] > w:
            graph.add_edge(svc.from_, svc.to, w=w)
    if flow.origin not in graph or flow.destination not in graph:
        return None
    try:
        return list(nx.dijkstra_path(graph, flow.origin, flow.destination, weight="w"))
    except nx.NetworkXNoPath:
        return None


def services_along(scenario: Scenario, nodes: list[str], flow: Flow, path: str) -> tuple[str, ...]:
    names = []
    for u, v in zip(nodes[:-1], nodes[1:]):
        name = best_service(scenario, u, v, flow)
        if name is None:
            raise ScenarioError(scenario.name, [Problem(
                path, f"no service from '{u}' to '{v}' carries {flow.cargo}",
                "add a service or change the route")])
        names.append(name)
    return tuple(names)


def resolve_flow(scenario: Scenario, key: str) -> tuple[Route, ...]:
    """The routes of one flow, with shares summing to 1."""
    flow = scenario.flows[key]
    path = f"flows.{key}.route"
    if isinstance(flow.route, RouteChoice):
        from corridor_sim.network.choice import choice_routes  # it builds on this module

        return choice_routes(scenario, key)
    if flow.route == "auto":
        nodes = cheapest_path(scenario, flow)
        if nodes is None:
            raise ScenarioError(scenario.name, [Problem(
                path, f"no route carries {flow.cargo} from '{flow.origin}' to '{flow.destination}'",
                "add a service, enable one, or give the route as a node list")])
        return (Route(tuple(nodes), services_along(scenario, nodes, flow, path)),)
    if all(isinstance(r, Shares) for r in flow.route):
        shares: list[Shares] = list(flow.route)  # type: ignore[arg-type]
        total = sum(s.share for s in shares)
        return tuple(
            Route(tuple(s.route), services_along(scenario, s.route, flow, f"{path}.{i}"),
                  s.share / total)
            for i, s in enumerate(shares)
        )
    nodes_list: list[str] = list(flow.route)  # type: ignore[arg-type]
    return (Route(tuple(nodes_list), services_along(scenario, nodes_list, flow, path)),)


def resolve_routes(scenario: Scenario) -> dict[str, tuple[Route, ...]]:
    """Routes of every enabled flow; raises ScenarioError listing every unroutable flow."""
    routes: dict[str, tuple[Route, ...]] = {}
    problems: list[Problem] = []
    for key, flow in scenario.flows.items():
        if not flow.enabled:
            continue
        try:
            routes[key] = resolve_flow(scenario, key)
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(scenario.name, problems)
    return routes
