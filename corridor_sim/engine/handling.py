"""Handling times at terminals, and the totals of a vehicle load."""

from __future__ import annotations

from corridor_sim.engine.lots import Parcel
from corridor_sim.engine.state import NodeState

# A load's totals: TEU, t, lots; handling hours at the origin before the handling
# factor; yard TEU and t it frees at the origin (parcels that reached it by an earlier
# leg); yard TEU and t it needs at the destination (parcels with a further leg).
LoadTotals = tuple[float, float, int, float, float, float, float, float]


def handling_h(node: NodeState, parcels: list[Parcel], cargo_of_route: list[str]) -> float:
    """Hours one berth needs to load or unload ``parcels`` at ``node``.

    Containers move at ``rate_teu`` (TEU/h); other cargo at the class's t/h; the
    total is multiplied by a draw of the node's handling factor.
    """
    hours = 0.0
    rate_teu, rate_t = node.rate_teu, node.rate_t
    for p in parcels:
        if p.teu_each > 0.0:
            hours += p.teu / rate_teu
        else:
            hours += p.t / rate_t[cargo_of_route[p.route]]
    return hours * node.handling_factor.draw() if hours > 0.0 else 0.0


def yard_need(parcels: list[Parcel]) -> tuple[float, float]:
    """TEU and tonnes of yard space the parcels take (containers by TEU, others by t)."""
    teu = t = 0.0
    for p in parcels:
        if p.teu_each > 0.0:
            teu += p.teu
        else:
            t += p.t
    return teu, t


def load_totals(parcels: list[Parcel], origin: NodeState, cargo_of_route: list[str],
                route_services: list[tuple[int, ...]]) -> LoadTotals:
    """Every total of a load in one pass (see :data:`LoadTotals`).

    Sums run in parcel order, so each equals the corresponding ``sum`` or
    :func:`yard_need` / :func:`handling_h` (before the factor) to the last bit.
    """
    teu = t = hours = 0.0
    lots = 0
    out_teu = out_t = in_teu = in_t = 0.0
    rate_teu, rate_t = origin.rate_teu, origin.rate_t
    for p in parcels:
        teu += p.teu
        t += p.t
        lots += p.n
        onward = p.leg + 1 < len(route_services[p.route])
        if p.teu_each > 0.0:
            hours += p.teu / rate_teu
            if p.leg > 0:
                out_teu += p.teu
            if onward:
                in_teu += p.teu
        else:
            hours += p.t / rate_t[cargo_of_route[p.route]]
            if p.leg > 0:
                out_t += p.t
            if onward:
                in_t += p.t
    return teu, t, lots, hours, out_teu, out_t, in_teu, in_t
