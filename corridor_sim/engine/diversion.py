"""Diversion: a lot that chooses its route picks among the routes open when it arrives.

For a flow whose route is a logit choice with ``divert: true``, a route is open
when every service and terminal on it is open (no storm or dated closure holds its
gate, and a disabled service counts as closed until the timeline opens it). The
lot then draws among the open routes with their shares renormalised — exactly the
multinomial logit restricted to the open alternatives (independence of irrelevant
alternatives). When no route is wholly open (a storm closing every Caspian port), it
draws among the routes with the fewest closed gates, so a route closed twice over (the
storm and a line under overhaul) is still avoided.

One uniform draw per arrival, as without diversion, so common random numbers
survive switching diversion on or off.
"""

from __future__ import annotations

from corridor_sim.engine.model import Model
from corridor_sim.engine.resources import Gate
from corridor_sim.scenario.choice import RouteChoice


class Diversion:
    """The gates of each route of one flow, and the draw among the open ones.

    Parameters
    ----------
    m : Model
        The run.
    routes : list of (route number, share)
        The flow's routes as in ``Model.flow_routes``.
    """

    __slots__ = ("gates", "routes", "shares")

    def __init__(self, m: Model, routes: list[tuple[int, float]]) -> None:
        self.routes = [r for r, _ in routes]
        self.shares = [share for _, share in routes]
        self.gates: list[list[Gate]] = [
            [m.services[s].gate for s in m.routes.services[r]]
            + [m.nodes[n].gate for n in m.routes.nodes[r]]
            for r in self.routes
        ]

    def pick(self, u: float) -> int:
        """The route (number) for a uniform draw ``u`` in [0, 1)."""
        closed = [sum(not g.is_open for g in gates) for gates in self.gates]
        fewest = min(closed)
        weights = [share if c == fewest else 0.0 for share, c in zip(self.shares, closed)]
        total = sum(weights)
        if total <= 0.0:  # only zero-share routes are the least closed
            weights, total = self.shares, sum(self.shares)
        x, acc = u * total, 0.0
        chosen = self.routes[-1]
        for route, w in zip(self.routes, weights):
            if w > 0.0:
                chosen = route
                acc += w
                if x < acc:
                    return route
        return chosen


def diversion_for(m: Model, f: int) -> Diversion | None:
    """A Diversion for flow ``f`` if it chooses its route and diverts, else None."""
    route = m.scenario.flows[m.flow_names[f]].route
    if isinstance(route, RouteChoice) and route.divert and len(m.flow_routes[f]) > 1:
        return Diversion(m, m.flow_routes[f])
    return None
