"""Handling times at terminals."""

from __future__ import annotations

from corridor_sim.engine.lots import Parcel
from corridor_sim.engine.state import NodeState


def handling_h(node: NodeState, parcels: list[Parcel], cargo_of_route: list[str]) -> float:
    """Hours one berth needs to load or unload ``parcels`` at ``node``.

    Containers move at ``rate_teu`` (TEU/h); other cargo at the class's t/h; the
    total is multiplied by a draw of the node's handling factor.
    """
    hours = 0.0
    for p in parcels:
        if p.teu_each > 0.0:
            hours += p.teu / node.rate_teu
        else:
            hours += p.t / node.rate_t[cargo_of_route[p.route]]
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
