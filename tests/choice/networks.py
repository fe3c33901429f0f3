"""Small networks for the choice tests, built in code."""

from __future__ import annotations

from typing import Any

HOURS_PER_YEAR = 8766.0


def _zone(lat: float) -> dict[str, Any]:
    return {"kind": "zone", "lat": lat, "lon": 40.0}


def two_routes(tariff_x_usd_per_t: float, tariff_y_usd_per_t: float, scale_per_usd_t: float,
               lots_per_h: float = 1.0, horizon_days: float = 60.0) -> dict[str, Any]:
    """o -> x -> d and o -> y -> d, identical timetables, tariffs on the first legs.

    Every service has ample fleet (no congestion), so the a-priori costs differ only
    by the tariffs and the logit shares are analytic.
    """
    def svc(a: str, b: str, tariff: float) -> dict[str, Any]:
        return {"mode": "rail", "from": a, "to": b, "distance_km": 100, "transit_h": 5,
                "cargo": ["general"], "fleet": {"vehicles": 50, "capacity_t": 10},
                "departure": {"fill": 0.1, "max_wait_h": 1}, "tariff_usd_per_t": tariff}
    return {
        "name": "two_routes",
        "run": {"start": "2025-01-01", "horizon_days": horizon_days, "warmup_days": 1},
        "nodes": {n: _zone(40.0 + i) for i, n in enumerate("oxyd")},
        "services": {"ox": svc("o", "x", tariff_x_usd_per_t), "xd": svc("x", "d", 0.0),
                     "oy": svc("o", "y", tariff_y_usd_per_t), "yd": svc("y", "d", 0.0)},
        "flows": {"f": {"origin": "o", "destination": "d", "cargo": "general",
                        "annual_t": lots_per_h * HOURS_PER_YEAR, "lot_t": 1,
                        "route": {"choice": "logit", "scale_per_usd_t": scale_per_usd_t,
                                  "alternatives": [["o", "x", "d"], ["o", "y", "d"]]}}},
    }


def two_servers(mu_x_per_h: float, mu_y_per_h: float, lots_per_h: float,
                choice: dict[str, Any], horizon_days: float = 90.0) -> dict[str, Any]:
    """Two parallel M/M/1 queues: o -> x -> d and o -> y -> d.

    The first leg of each route is one vehicle carrying one lot, leaving as soon as
    a lot waits, with exponential transit of mean 1/mu and an instant return: an
    M/M/1 server. The second leg is instant with ample vehicles. A route's hours are
    the M/M/1 sojourn, exponential with rate ``mu - lambda_route``.
    """
    def server(a: str, b: str, mu: float) -> dict[str, Any]:
        return {"mode": "rail", "from": a, "to": b, "distance_km": 100,
                "transit_h": {"exponential": 1.0 / mu}, "return_h": 0, "cargo": ["general"],
                "fleet": {"vehicles": 1, "capacity_t": 1}, "departure": {"fill": 1.0}}

    def instant(a: str, b: str) -> dict[str, Any]:
        return {"mode": "rail", "from": a, "to": b, "distance_km": 1, "transit_h": 0,
                "return_h": 0, "cargo": ["general"], "fleet": {"vehicles": 200, "capacity_t": 1},
                "departure": {"fill": 1.0}}
    return {
        "name": "two_servers",
        "run": {"start": "2025-01-01", "horizon_days": horizon_days, "warmup_days": 5},
        "nodes": {n: _zone(40.0 + i) for i, n in enumerate("oxyd")},
        "services": {"ox": server("o", "x", mu_x_per_h), "xd": instant("x", "d"),
                     "oy": server("o", "y", mu_y_per_h), "yd": instant("y", "d")},
        "flows": {"f": {"origin": "o", "destination": "d", "cargo": "general",
                        "annual_t": lots_per_h * HOURS_PER_YEAR, "lot_t": 1,
                        "route": {"choice": "logit", "alternatives": [["o", "x", "d"],
                                                                      ["o", "y", "d"]],
                                  **choice}}},
    }
