"""Logit route choice: the alternatives of a flow and their shares.

Multinomial logit (MNL) over generalized cost ``c`` (USD/t)::

    P_i = exp(-theta c_i) / sum_j exp(-theta c_j)

Path-size logit (PSL; Ben-Akiva and Bierlaire 1999) adds ``beta ln PS_i`` to each
utility, with ``PS_i = sum_{a in i} (L_a / L_i) / N_a`` over the services ``a`` of
route ``i`` (``L`` distance in km, ``N_a`` the number of alternatives using ``a``),
so that two routes sharing most of their length do not count as two independent
options. ``theta`` is ``RouteChoice.scale_per_usd_t``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

import networkx as nx
import numpy as np

from corridor_sim.network.route_cost import RouteCost, a_priori_cost
from corridor_sim.network.routing import Route, cost_per_t, services_along
from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.schema import Flow, RouteChoice, Scenario


def logit_shares(costs_usd_per_t: Sequence[float], scale_per_usd_t: float,
                 ln_path_size: Sequence[float] | np.ndarray | None = None,
                 beta: float = 0.0) -> np.ndarray:
    """Logit choice probabilities (sum 1) of alternatives with the given costs.

    Parameters
    ----------
    costs_usd_per_t : sequence of float
        Generalized cost of each alternative, USD/t.
    scale_per_usd_t : float
        The scale ``theta`` (per USD/t).
    ln_path_size : sequence of float, optional
        ``ln PS_i`` of each alternative (path-size logit).
    beta : float
        Coefficient of ``ln PS``.
    """
    v = -scale_per_usd_t * np.asarray(costs_usd_per_t, dtype=float)
    if ln_path_size is not None:
        v = v + beta * np.asarray(ln_path_size, dtype=float)
    v -= v.max()
    e = np.exp(v)
    shares: np.ndarray = e / e.sum()
    return shares


def ln_path_size(scenario: Scenario, routes: Sequence[Route]) -> np.ndarray:
    """``ln PS_i`` of each route over the services the routes share (distance weights)."""
    use: dict[str, int] = {}
    for r in routes:
        for s in set(r.services):
            use[s] = use.get(s, 0) + 1
    out = []
    for r in routes:
        km = [scenario.services[s].distance_km for s in r.services]
        total = sum(km)
        out.append(np.log(sum(k / total / use[s] for k, s in zip(km, r.services))))
    return np.asarray(out)


def choice_of(flow: Flow) -> RouteChoice:
    """The flow's RouteChoice (TypeError if its route is not a choice)."""
    if not isinstance(flow.route, RouteChoice):
        raise TypeError(f"flow '{flow.name}' does not choose its route")
    return flow.route


def value_of_time(flow: Flow) -> float:
    """USD per tonne-hour the flow's choice uses."""
    vot = choice_of(flow).value_of_time_usd_per_t_h
    return flow.value_of_time_usd_per_t_h if vot is None else vot


def cheapest_paths(scenario: Scenario, flow: Flow, k: int) -> list[list[str]]:
    """Up to ``k`` cheapest simple node paths of the flow, by a-priori cost per leg.

    Disabled services count (a timeline may open them; closed routes are avoided
    at arrival by diversion).
    """
    graph = nx.DiGraph()
    for svc in scenario.services.values():
        if not svc.carries(flow.cargo):
            continue
        w = cost_per_t(svc, scenario.nodes[svc.to], flow)
        if not graph.has_edge(svc.from_, svc.to) or graph[svc.from_][svc.to]["w"] > w:
            graph.add_edge(svc.from_, svc.to, w=w)
    if flow.origin not in graph or flow.destination not in graph:
        return []
    try:
        paths = nx.shortest_simple_paths(graph, flow.origin, flow.destination, weight="w")
        return [list(p) for p in islice(paths, k)]
    except nx.NetworkXNoPath:
        return []


def alternatives(scenario: Scenario, key: str) -> list[Route]:
    """The flow's alternative routes (shares not set), in a fixed order."""
    flow = scenario.flows[key]
    rc = choice_of(flow)
    node_lists = rc.alternatives or cheapest_paths(scenario, flow, rc.max_routes)
    path = f"flows.{key}.route"
    if not node_lists:
        raise ScenarioError(scenario.name, [Problem(
            path, f"no route carries {flow.cargo} from '{flow.origin}' to '{flow.destination}'",
            "add a service or list the alternatives")])
    return [Route(tuple(n), services_along(scenario, n, flow, f"{path}.alternatives.{i}"))
            for i, n in enumerate(node_lists)]


def shares_for(scenario: Scenario, key: str, routes: Sequence[Route],
               costs: Sequence[RouteCost]) -> np.ndarray:
    """Logit shares of the flow's ``routes`` given their ``costs``."""
    flow = scenario.flows[key]
    rc = choice_of(flow)
    c = [x.generalized_usd_per_t(value_of_time(flow), rc.reliability_ratio) for x in costs]
    if rc.choice == "path_size_logit":
        return logit_shares(c, rc.scale_per_usd_t, ln_path_size(scenario, routes),
                            rc.path_size_beta)
    return logit_shares(c, rc.scale_per_usd_t)


def a_priori_costs(scenario: Scenario, key: str, routes: Sequence[Route]) -> list[RouteCost]:
    """Timetable costs of each route of the flow."""
    flow = scenario.flows[key]
    return [a_priori_cost(scenario, flow, r) for r in routes]


def choice_routes(scenario: Scenario, key: str) -> tuple[Route, ...]:
    """The flow's alternatives with their shares: fixed ones, else the a-priori logit."""
    rc = choice_of(scenario.flows[key])
    routes = alternatives(scenario, key)
    if rc.shares is not None:
        total = sum(rc.shares)
        shares = np.asarray(rc.shares) / total
    else:
        shares = shares_for(scenario, key, routes, a_priori_costs(scenario, key, routes))
    return tuple(Route(r.nodes, r.services, float(s)) for r, s in zip(routes, shares))
