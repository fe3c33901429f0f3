"""Tiny scenarios for the experiment tests (built in code, independent of shipped data).

``known``: one rail service a → b departing every 24 h with ample capacity and a
fixed 10 h transit. A lot created in ((k-1)·24, k·24] leaves at k·24 and is
delivered at k·24 + 10, so over the window [48 h, 288 h) exactly the lots created
in [24 h, 264 h) are delivered: a Poisson count with mean rate × 240 h. With
36 525 TEU a year in lots of 2 TEU the expected delivered volume is
36 525 × 240 / 8 766 = 1 000 TEU (500 lots), from Poisson arrivals alone.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from corridor_sim.scenario import Scenario, scenario_from_dict

EXPECTED_DELIVERED_TEU = 36525.0 * 240.0 / 8766.0
EXPECTED_LOTS = EXPECTED_DELIVERED_TEU / 2.0

KNOWN: dict[str, Any] = {
    "name": "known",
    "run": {"start": "2025-01-01", "horizon_days": 12, "warmup_days": 2, "seed": 11},
    "nodes": {
        "a": {"kind": "zone", "lat": 0.0, "lon": 0.0},
        "b": {"kind": "zone", "lat": 0.0, "lon": 1.0},
    },
    "services": {
        "ab": {"mode": "rail", "from": "a", "to": "b", "distance_km": 100, "transit_h": 10,
               "groups": ["line"], "fleet": {"vehicles": 1, "capacity_teu": 1_000_000},
               "departure": {"every_h": 24}},
    },
    "flows": {
        "f": {"origin": "a", "destination": "b", "cargo": "container", "annual_teu": 36525,
              "lot_teu": 2},
    },
    "targets": {
        # annualised delivered TEU >= 36 500  <=>  at least 500 lots delivered in the window
        "teu": {"metric": "throughput_teu", "scope": "flow:f", "at_least": 36500},
        "fast": {"metric": "transit_days_mean", "scope": "flow:f", "at_most": 0.9},
    },
}

# A port with a yard and a limited fleet: throughput depends on the fleet size.
PORT: dict[str, Any] = {
    "name": "port",
    "run": {"start": "2025-01-01", "horizon_days": 20, "warmup_days": 2, "seed": 5},
    "nodes": {
        "a": {"kind": "zone", "lat": 0.0, "lon": 0.0},
        "p": {"kind": "seaport", "lat": 0.0, "lon": 1.0, "berths": 1,
              "handling": {"container_teu_per_h": 50}, "dwell_h": {"triangular": [2, 4, 8]}},
        "z": {"kind": "zone", "lat": 0.0, "lon": 2.0},
    },
    "services": {
        "ap": {"mode": "rail", "from": "a", "to": "p", "distance_km": 300,
               "transit_h": {"triangular": [8, 10, 14]}, "groups": ["land"],
               "fleet": {"vehicles": 2, "capacity_teu": 120}, "departure": {"every_h": 12}},
        "pz": {"mode": "feeder", "from": "p", "to": "z", "distance_km": 400,
               "transit_h": {"uniform": [30, 40]}, "groups": ["sea"],
               "fleet": {"vehicles": 1, "capacity_teu": 150},
               "departure": {"fill": 0.8, "max_wait_h": 48}},
    },
    "flows": {
        "c": {"origin": "a", "destination": "z", "cargo": "container", "annual_teu": 40000},
    },
    "targets": {
        "sea-teu": {"metric": "throughput_teu", "scope": "group:sea", "at_least": 17000},
    },
}


def doc(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of ``base`` with dotted-path changes."""
    out = copy.deepcopy(base)
    for path, value in changes.items():
        node = out
        *head, last = path.split("__")
        for part in head:
            node = node[part]
        node[last] = value
    return out


@pytest.fixture(scope="session")
def known() -> Scenario:
    """The known-answer scenario."""
    return scenario_from_dict(KNOWN)


@pytest.fixture(scope="session")
def port() -> Scenario:
    """The small port scenario."""
    return scenario_from_dict(PORT)
