"""Tiny scenarios for the calibration tests (built in code: no shipped data)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

# One feeder a → b. Departs when full (100 TEU); 10 h out, unload 100 TEU at 20 TEU/h
# = 5 h, 10 h back: 25 h in service per trip. Demand far above capacity, so a year
# (8760 h) carries 8760 × availability / 25 trips of 100 TEU.
FEEDER: dict[str, Any] = {
    "name": "cal-feeder",
    "run": {"start": "2024-12-01", "horizon_days": 396, "warmup_days": 31},
    "nodes": {
        "a": {"kind": "zone", "lat": 43.0, "lon": 51.0},
        "b": {"kind": "seaport", "lat": 40.0, "lon": 49.5, "berths": 1,
              "handling": {"container_teu_per_h": 20}},
    },
    "services": {
        "ab": {"mode": "feeder", "from": "a", "to": "b", "distance_km": 500, "transit_h": 10,
               "fleet": {"vehicles": 1, "capacity_teu": 100, "availability": 0.6},
               "departure": {"fill": 1.0, "max_wait_h": 1000}, "groups": ["sea"]},
    },
    "flows": {
        "f": {"origin": "a", "destination": "b", "cargo": "container", "annual_teu": 60000,
              "lot_teu": 2, "batch_lots": 50, "arrival": "regular"},
    },
}

# Two ports p and q between a and z; one flow split between them (Poisson arrivals).
SPLIT: dict[str, Any] = {
    "name": "cal-split",
    "run": {"start": "2024-12-22", "horizon_days": 70, "warmup_days": 10},
    "nodes": {
        "a": {"kind": "zone", "lat": 43.0, "lon": 51.0},
        "p": {"kind": "seaport", "lat": 42.0, "lon": 50.0, "berths": 2,
              "handling": {"container_teu_per_h": 50}},
        "q": {"kind": "seaport", "lat": 41.0, "lon": 50.0, "berths": 2,
              "handling": {"container_teu_per_h": 50}},
        "z": {"kind": "zone", "lat": 40.0, "lon": 49.5},
    },
    "services": {
        name: {"mode": "feeder", "from": u, "to": v, "distance_km": 100, "transit_h": 6,
               "fleet": {"vehicles": 4, "capacity_teu": 40},
               "departure": {"fill": 0.5, "max_wait_h": 12}, "groups": groups}
        for name, u, v, groups in (("ap", "a", "p", []), ("aq", "a", "q", []),
                                   ("pz", "p", "z", ["sea"]), ("qz", "q", "z", ["sea"]))
    },
    "flows": {
        "f": {"origin": "a", "destination": "z", "cargo": "container", "annual_teu": 10000,
              "lot_teu": 2, "route": [{"route": ["a", "p", "z"], "share": 0.5},
                                      {"route": ["a", "q", "z"], "share": 0.5}]},
    },
}


@pytest.fixture
def feeder() -> dict[str, Any]:
    """A capacity-bound feeder whose yearly throughput is known in closed form."""
    return copy.deepcopy(FEEDER)


@pytest.fixture
def split() -> dict[str, Any]:
    """A flow split between two ports (a demand level and a share to recover)."""
    return copy.deepcopy(SPLIT)
