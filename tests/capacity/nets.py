"""Small scenarios for the capacity tests, built in code (no shipped data)."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np


def node(kind: str = "seaport", **extra: Any) -> dict[str, Any]:
    """A node at an arbitrary position."""
    return {"kind": kind, "lat": 41.0, "lon": 50.0, **extra}


def service(frm: str, to: str, vehicles: int, teu: float, transit_h: float,
            **extra: Any) -> dict[str, Any]:
    """A container service leaving when full (or after 48 h)."""
    out: dict[str, Any] = {
        "mode": "feeder", "from": frm, "to": to, "distance_km": 500, "transit_h": transit_h,
        "fleet": {"vehicles": vehicles, "capacity_teu": teu},
        "departure": {"fill": 1.0, "max_wait_h": 48}, "cargo": ["container"]}
    out.update(extra)
    return out


def chain(annual_teu: float = 10_000.0, horizon_days: float = 365.0) -> dict[str, Any]:
    """a (zone) -> b (port, 2 berths, 25 TEU/h) -> c (zone)."""
    return {
        "name": "chain",
        "run": {"start": "2025-01-01", "horizon_days": horizon_days},
        "nodes": {"a": node("zone"), "b": node(berths=2, handling={"container_teu_per_h": 25}),
                  "c": node("zone")},
        "services": {"ab": service("a", "b", 1, 100, 50, return_h=50, groups=["sea"]),
                     "bc": service("b", "c", 1, 100, 25, return_h=25)},
        "flows": {"f": {"origin": "a", "destination": "c", "cargo": "container",
                        "annual_teu": annual_teu, "lot_teu": 2}},
    }


def random_network(seed: int, horizon_days: float = 75.0) -> dict[str, Any]:
    """A random diamond network with fixed times, so hard limits are exact.

    o -> p -> {q1, q2} -> d; every service carries containers; demand is drawn
    around the network's capacity so that some element saturates.
    """
    rng = np.random.default_rng(seed)
    doc: dict[str, Any] = {
        "name": f"random-{seed}",
        "run": {"start": "2025-03-01", "horizon_days": horizon_days, "warmup_days": 10},
        "nodes": {"o": node("zone"), "d": node("zone")},
        "services": {}, "flows": {},
    }
    for name in ("p", "q1", "q2"):
        doc["nodes"][name] = node(berths=int(rng.integers(1, 3)),
                                  handling={"container_teu_per_h": float(rng.uniform(15, 60))},
                                  dwell_h=float(rng.uniform(0, 12)))
        if rng.random() < 0.5:
            doc["nodes"][name]["yard_teu"] = float(rng.uniform(400, 2000))
    for frm, to in (("o", "p"), ("p", "q1"), ("p", "q2"), ("q1", "d"), ("q2", "d")):
        extra: dict[str, Any] = {"return_h": float(rng.uniform(5, 60)),
                                 "fleet": {"vehicles": int(rng.integers(1, 4)),
                                           "capacity_teu": float(2 * rng.integers(20, 60)),
                                           "availability": float(rng.uniform(0.7, 1.0))},
                                 "capacity_factor": float(rng.uniform(0.8, 1.0))}
        if rng.random() < 0.4:
            extra["departure"] = {"every_h": float(rng.uniform(12, 48))}
        doc["services"][f"{frm}{to}"] = service(frm, to, 1, 100, float(rng.uniform(5, 60)),
                                                **extra)
    share = float(rng.uniform(0.2, 0.8))
    doc["flows"]["f"] = {
        "origin": "o", "destination": "d", "cargo": "container",
        "annual_teu": float(rng.uniform(5_000, 60_000)), "lot_teu": 2, "batch_lots": 5,
        "route": [{"route": ["o", "p", "q1", "d"], "share": share},
                  {"route": ["o", "p", "q2", "d"], "share": 1 - share}]}
    return doc


def with_changes(doc: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy with top-level keys replaced."""
    out = copy.deepcopy(doc)
    out.update(changes)
    return out
