"""Synthetic corridors of any size, for scaling benchmarks.

A corridor of ``n_nodes`` is a ladder of ``n_nodes // 10`` parallel chains of ten
terminals (a demand zone, eight rail hubs and seaports, a demand zone). Links
alternate between trains (leave full or after 48 h) and weather-exposed feeders
(a sailing every 24 h). Each chain carries a container flow and a dry-bulk flow end
to end; with two chains or more, a container flow also crosses from each chain to
the next by a rung in the middle. Demand per chain is fixed, so the work of a run
grows in proportion to the number of nodes and no link is saturated (utilisations
stay well below one).
"""

from __future__ import annotations

from typing import Any

CHAIN = 10  # terminals per chain
RUNG_AT = 4  # a rung joins node 4 of chain i to node 5 of chain i + 1


def _name(chain: int, j: int) -> str:
    return f"c{chain}n{j}"


def _node(chain: int, j: int) -> dict[str, Any]:
    lat, lon = 40.0 + 0.01 * chain, 40.0 + j
    if j in (0, CHAIN - 1):
        return {"kind": "zone", "lat": lat, "lon": lon}
    return {"kind": "seaport" if j % 2 else "rail_hub", "lat": lat, "lon": lon, "berths": 2,
            "handling": {"container_teu_per_h": 60, "dry_bulk_t_per_h": 1500},
            "dwell_h": {"triangular": [2, 6, 12]},
            "weather": "sea" if j % 2 else None}


def _service(a: str, b: str, feeder: bool) -> dict[str, Any]:
    svc: dict[str, Any] = {
        "mode": "feeder" if feeder else "rail", "from": a, "to": b, "distance_km": 300,
        "transit_h": {"triangular": [8, 12, 20]},
        "fleet": {"vehicles": 4, "capacity_teu": 120, "capacity_t": 4000},
        "departure": {"every_h": 24} if feeder else {"fill": 0.8, "max_wait_h": 48},
    }
    if feeder:
        svc["weather"] = "sea"
    return svc


def synthetic_corridor(n_nodes: int, horizon_days: float = 365.0, seed: int = 0,
                       teu_per_year: float = 20_000.0, t_per_year: float = 300_000.0) -> dict[str, Any]:
    """A scenario document (for :func:`corridor_sim.scenario.scenario_from_dict`).

    Parameters
    ----------
    n_nodes : int
        Terminals, a multiple of 10 (at least 10).
    horizon_days : float
        Run length in days (no warm-up).
    seed : int
        The scenario's default seed.
    teu_per_year, t_per_year : float
        Container (TEU/year) and dry-bulk (t/year) demand of each chain.
    """
    if n_nodes < CHAIN or n_nodes % CHAIN:
        raise ValueError(f"n_nodes must be a positive multiple of {CHAIN}, got {n_nodes}")
    chains = n_nodes // CHAIN
    doc: dict[str, Any] = {
        "name": f"synthetic_{n_nodes}", "run": {"horizon_days": horizon_days, "seed": seed},
        "nodes": {}, "services": {}, "flows": {},
        "weather": {"sea": {"closure_starts_per_day": [0.02] * 12,
                            "duration_days": {"triangular": [0.5, 1, 2]}}},
    }
    for c in range(chains):
        path = [_name(c, j) for j in range(CHAIN)]
        doc["nodes"].update({n: _node(c, j) for j, n in enumerate(path)})
        for j in range(CHAIN - 1):
            doc["services"][f"{path[j]}-{path[j + 1]}"] = _service(path[j], path[j + 1], j % 2 == 1)
        doc["flows"][f"c{c}-containers"] = {
            "origin": path[0], "destination": path[-1], "cargo": "container",
            "annual_teu": teu_per_year, "batch_lots": 5, "route": path}
        doc["flows"][f"c{c}-bulk"] = {
            "origin": path[0], "destination": path[-1], "cargo": "dry_bulk",
            "annual_t": t_per_year, "batch_lots": 10, "route": path}
        if c + 1 < chains:
            a, b = _name(c, RUNG_AT), _name(c + 1, RUNG_AT + 1)
            doc["services"][f"{a}-{b}"] = _service(a, b, False)
            route = path[:RUNG_AT + 1] + [_name(c + 1, j) for j in range(RUNG_AT + 1, CHAIN)]
            doc["flows"][f"c{c}-cross"] = {
                "origin": route[0], "destination": route[-1], "cargo": "container",
                "annual_teu": teu_per_year / 4, "batch_lots": 5, "route": route}
    return doc
