"""Network layer: the corridor graph and route choice."""

from corridor_sim.network.graph import build_graph
from corridor_sim.network.routing import Route, cost_per_t, resolve_flow, resolve_routes

__all__ = ["Route", "build_graph", "cost_per_t", "resolve_flow", "resolve_routes"]
