"""Route costs as the simulation saw them: mean hours and spread (p95 - p50) per route.

Two estimates, pooled over replications, for lots created in the measurement window:

* **route level**, when at least ``min_batches`` arrival batches (a block train is one
  batch: its lots share one draw of the route) took the route: door-to-door hours
  of its lots; a lot still travelling at the horizon counts with its hours so far (a
  lower bound), so a route whose queue grows without bound looks as slow as it is;
* **leg level** otherwise: the sum over its services of the mean hours from ready to
  unloaded that every lot on that service saw (pooled over all flows), plus the mean
  clearance at intermediate nodes; the spread is then the timetable's. A service no
  lot used keeps its timetable hours.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from corridor_sim.network.route_cost import RouteCost, a_priori_cost, route_money_usd_per_t
from corridor_sim.network.routing import Route, expected_wait_h
from corridor_sim.results import Results
from corridor_sim.scenario.schema import Scenario

MIN_BATCHES = 20


def route_hours(runs: Sequence[Results], flow: str, route: Route) -> tuple[np.ndarray, int]:
    """Hours of every lot of ``flow`` on ``route`` created in the window (censored at the
    horizon), and the number of arrival batches they came in."""
    out = []
    batches = 0
    for r in runs:
        t0, t1 = r.meta["window_h"]
        lots = r.lots
        sel = lots[(lots["flow"] == flow) & (lots["route"] == route.label)
                   & (lots["created_h"] >= t0) & (lots["created_h"] < t1)]
        end = sel["delivered_h"].fillna(t1).to_numpy()
        out.append(end - sel["created_h"].to_numpy())
        batches += int(sel["created_h"].nunique())
    return (np.concatenate(out) if out else np.zeros(0)), batches


def service_leg_hours(runs: Sequence[Results]) -> dict[str, float]:
    """Mean hours from ready to unloaded per service, over legs ready in the window."""
    parts = []
    for r in runs:
        t0, t1 = r.meta["window_h"]
        legs = r.legs
        win = legs[(legs["ready_h"] >= t0) & (legs["ready_h"] < t1)]
        parts.append(pd.DataFrame({"service": win["service"].astype(str),
                                   "h": (win["arrive_h"] - win["ready_h"]).to_numpy()}))
    if not parts:
        return {}
    both = pd.concat(parts, ignore_index=True)
    return {str(k): float(v) for k, v in both.groupby("service")["h"].mean().items()}


def leg_level_hours(scenario: Scenario, route: Route, per_service: dict[str, float]) -> float:
    """Route hours composed of the services' observed leg hours and the nodes' clearance."""
    total = 0.0
    for s in route.services:
        svc = scenario.services[s]
        total += per_service.get(s, expected_wait_h(svc) + svc.transit_h.mean)
    return total + sum(scenario.nodes[n].dwell_h.mean for n in route.nodes[1:-1])


def observed_costs(scenario: Scenario, flow: str, routes: Sequence[Route],
                   runs: Sequence[Results], min_batches: int = MIN_BATCHES) -> list[RouteCost]:
    """The flow's route costs as measured in ``runs`` (money from the tariffs)."""
    f = scenario.flows[flow]
    per_service = service_leg_hours(runs)
    out = []
    for route in routes:
        hours, batches = route_hours(runs, flow, route)
        money = route_money_usd_per_t(scenario, f, route)
        if batches >= min_batches:
            p50, p95 = np.percentile(hours, [50.0, 95.0])
            out.append(RouteCost(float(hours.mean()), float(p95 - p50), money))
        else:
            prior = a_priori_cost(scenario, f, route)
            out.append(RouteCost(leg_level_hours(scenario, route, per_service),
                                 prior.spread_h, money))
    return out
