"""Cost of a lot along its route: tariffs of the services and fees at the nodes it reaches."""

from __future__ import annotations

import pandas as pd

from corridor_sim.network.routing import Route, charge_usd
from corridor_sim.scenario.schema import Flow, Scenario


def lot_cost_usd(scenario: Scenario, flow: Flow, route: Route) -> float:
    """USD to carry one lot of ``flow`` over ``route`` (tariffs and handling fees)."""
    teu, t = flow.lot_size_teu, flow.lot_size_t
    total = 0.0
    for name, far in zip(route.services, route.nodes[1:]):
        svc = scenario.services[name]
        node = scenario.nodes[far]
        total += charge_usd(teu, t, svc.tariff_usd_per_teu, svc.tariff_usd_per_t)
        total += charge_usd(teu, t, node.handling_fee_usd_per_teu, node.handling_fee_usd_per_t)
    return total


def route_costs(scenario: Scenario, routes: dict[str, tuple[Route, ...]]) -> dict[str, pd.Series]:
    """Per flow, a Series mapping route label → USD per lot."""
    return {
        name: pd.Series({r.label: lot_cost_usd(scenario, scenario.flows[name], r) for r in opts})
        for name, opts in routes.items()
    }
