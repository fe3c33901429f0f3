"""Handling times at terminals, and the totals of a vehicle load."""

from __future__ import annotations

from corridor_sim.engine.lots import Parcel
from corridor_sim.engine.state import NodeState
from corridor_sim.scenario.cargo import BY_TEU

# A load's totals: TEU, t, lots; handling hours at the origin before the handling
# factor; yard TEU and t it frees at the origin (parcels that reached it by an earlier
# leg); yard TEU and t it needs at the destination (parcels with a further leg).
LoadTotals = tuple[float, float, int, float, float, float, float, float]


def handling_h(node: NodeState, parcels: list[Parcel], cargo_of_route: list[str]) -> float:
    """Hours one berth needs to load or unload ``parcels`` at ``node``.

    Each class moves at the node's rate for it, in the measure the cargo registry
    gives it (TEU/h for containers, t/h otherwise); the total is multiplied by a draw
    of the node's handling factor.
    """
    hours = 0.0
    rate = node.rate_per_h
    for p in parcels:
        cargo = cargo_of_route[p.route]
        hours += (p.teu if BY_TEU[cargo] else p.t) / rate[cargo]
    return hours * node.handling_factor.draw() if hours > 0.0 else 0.0


def load_totals(parcels: list[Parcel], origin: NodeState, cargo_of_route: list[str],
                route_services: list[tuple[int, ...]]) -> LoadTotals:
    """Every total of a load in one pass (see :data:`LoadTotals`).

    Sums run in parcel order, so each equals the corresponding ``sum`` or
    :func:`handling_h` (before the factor) to the last bit.
    """
    teu = t = hours = 0.0
    lots = 0
    out_teu = out_t = in_teu = in_t = 0.0
    rate = origin.rate_per_h
    for p in parcels:
        teu += p.teu
        t += p.t
        lots += p.n
        onward = p.leg + 1 < len(route_services[p.route])
        cargo = cargo_of_route[p.route]
        if BY_TEU[cargo]:
            hours += p.teu / rate[cargo]
            if p.leg > 0:
                out_teu += p.teu
            if onward:
                in_teu += p.teu
        else:
            hours += p.t / rate[cargo]
            if p.leg > 0:
                out_t += p.t
            if onward:
                in_t += p.t
    return teu, t, lots, hours, out_teu, out_t, in_teu, in_t
