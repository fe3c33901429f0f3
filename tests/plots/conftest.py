"""A small corridor built in code: zone → port (yard, berths) → rail hub → zone.

Two cargo classes (containers and dry bulk), three services in two groups, a
calendar-year target and a window target on throughput, and a transit target
(which the cumulative figure must leave out). 60 simulated days: a second each.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from corridor_sim import Results, simulate
from corridor_sim.scenario import scenario_from_dict

SMALL: dict[str, Any] = {
    "name": "small",
    "run": {"start": "2024-12-01", "horizon_days": 61, "warmup_days": 10, "seed": 3},
    "nodes": {
        "east": {"kind": "zone", "lat": 43.8, "lon": 87.6, "name": "East zone"},
        "port": {"kind": "seaport", "lat": 43.6, "lon": 51.2, "berths": 2, "name": "Aktau port",
                 "handling": {"container_teu_per_h": 30, "dry_bulk_t_per_h": 800},
                 "yard_teu": 600, "yard_t": 40000, "dwell_h": {"triangular": [4, 8, 16]}},
        "hub": {"kind": "rail_hub", "lat": 41.7, "lon": 44.8, "berths": 2,
                "handling": {"container_teu_per_h": 40, "dry_bulk_t_per_h": 1000}},
        "west": {"kind": "zone", "lat": 47.5, "lon": 19.0},
    },
    "services": {
        "east-port": {"mode": "rail", "from": "east", "to": "port", "distance_km": 2400,
                      "transit_h": {"triangular": [60, 72, 90]}, "groups": ["land"],
                      "fleet": {"vehicles": 6, "capacity_teu": 100, "capacity_t": 4000},
                      "departure": {"fill": 0.8, "max_wait_h": 24}, "tariff_usd_per_teu": 900},
        "port-hub": {"mode": "feeder", "from": "port", "to": "hub", "distance_km": 700,
                     "transit_h": {"triangular": [20, 24, 36]}, "groups": ["sea"],
                     "fleet": {"vehicles": 2, "capacity_teu": 150, "capacity_t": 5000},
                     "departure": {"every_h": 48}, "tariff_usd_per_teu": 400},
        "hub-west": {"mode": "rail", "from": "hub", "to": "west", "distance_km": 2800,
                     "transit_h": {"triangular": [80, 96, 120]}, "groups": ["land"],
                     "fleet": {"vehicles": 6, "capacity_teu": 100, "capacity_t": 4000},
                     "departure": {"fill": 0.8, "max_wait_h": 24}, "tariff_usd_per_teu": 700},
    },
    "flows": {
        "boxes": {"origin": "east", "destination": "west", "cargo": "container",
                  "annual_teu": 12000, "lot_teu": 2, "batch_lots": 10},
        "grain": {"origin": "east", "destination": "west", "cargo": "dry_bulk",
                  "annual_t": 300000, "lot_t": 68, "batch_lots": 10},
    },
    "targets": {
        "sea_t_2025": {"metric": "throughput_t", "scope": "group:sea", "at_least": 100000,
                       "year": 2025},
        "sea_teu": {"metric": "throughput_teu", "scope": "group:sea", "at_least": 9000},
        "boxes_days": {"metric": "transit_days_mean", "scope": "flow:boxes", "at_most": 30},
    },
}


def small_doc() -> dict[str, Any]:
    """A fresh deep copy of the small corridor."""
    return copy.deepcopy(SMALL)


@pytest.fixture(scope="session")
def small_results() -> Results:
    """One run of the small corridor (seed 3)."""
    return simulate(scenario_from_dict(small_doc()), seed=3)


@pytest.fixture(scope="session")
def small_replications() -> list[Results]:
    """Three runs of the small corridor (seeds 0, 1, 2)."""
    scenario = scenario_from_dict(small_doc())
    return [simulate(scenario, seed=s) for s in range(3)]


@pytest.fixture
def small_yaml(tmp_path: Path) -> Path:
    """The small corridor as a YAML file."""
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(small_doc(), sort_keys=False))
    return path
