"""The corridor as a ``networkx.MultiDiGraph``: nodes are terminals, edges are services."""

from __future__ import annotations

import networkx as nx

from corridor_sim.scenario.schema import Scenario


def build_graph(scenario: Scenario, include_disabled: bool = True) -> nx.MultiDiGraph:
    """Build the corridor graph.

    Parameters
    ----------
    scenario : Scenario
        The validated scenario.
    include_disabled : bool
        Keep services with ``enabled: false`` (opened later by the timeline).

    Returns
    -------
    networkx.MultiDiGraph
        Node attribute ``node`` holds the Node model, plus ``lat``, ``lon`` and
        ``kind``; each edge is keyed by the service name and holds ``service``
        (the Service model), ``mode``, ``distance_km`` and ``groups``.
    """
    graph = nx.MultiDiGraph(name=scenario.name)
    for name, node in scenario.nodes.items():
        graph.add_node(name, node=node, lat=node.lat, lon=node.lon, kind=node.kind)
    for name, svc in scenario.services.items():
        if svc.enabled or include_disabled:
            graph.add_edge(svc.from_, svc.to, key=name, service=svc, mode=svc.mode,
                           distance_km=svc.distance_km, groups=tuple(svc.groups))
    return graph
