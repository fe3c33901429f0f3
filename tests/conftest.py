"""Shared fixtures: tiny scenarios built in code, so tests do not depend on shipped data."""

from __future__ import annotations

import copy
from typing import Any

import pytest

# One batch every 10 h: 876.6 lots of 2 TEU a year = 8766 h / 10 h.
TINY: dict[str, Any] = {
    "name": "tiny",
    "run": {"start": "2025-01-01", "horizon_days": 5},
    "nodes": {
        "a": {"kind": "zone", "lat": 43.0, "lon": 51.0},
        "b": {"kind": "seaport", "lat": 40.0, "lon": 49.5, "berths": 1,
              "handling": {"container_teu_per_h": 20}},
    },
    "services": {
        "ab": {"mode": "feeder", "from": "a", "to": "b", "distance_km": 500, "transit_h": 10,
               "fleet": {"vehicles": 1, "capacity_teu": 100}, "departure": {"every_h": 24},
               "groups": ["sea"], "tariff_usd_per_teu": 100},
    },
    "flows": {
        "f": {"origin": "a", "destination": "b", "cargo": "container", "annual_teu": 1753.2,
              "lot_teu": 2, "arrival": "regular"},
    },
}


@pytest.fixture
def tiny() -> dict[str, Any]:
    """A two-node feeder line with regular arrivals (a fresh deep copy)."""
    return copy.deepcopy(TINY)


@pytest.fixture
def tandem() -> dict[str, Any]:
    """Three nodes a → b → c: a feeder then a train, with a yard and clearance at b."""
    doc = copy.deepcopy(TINY)
    doc["nodes"]["b"].update({"yard_teu": 100, "dwell_h": 2})
    doc["nodes"]["c"] = {"kind": "zone", "lat": 41.7, "lon": 44.8}
    doc["services"]["bc"] = {
        "mode": "rail", "from": "b", "to": "c", "distance_km": 550, "transit_h": 20,
        "fleet": {"vehicles": 1, "capacity_teu": 8}, "departure": {"fill": 1.0, "max_wait_h": 12},
    }
    doc["flows"]["f"]["destination"] = "c"
    return doc
