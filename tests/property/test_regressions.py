"""Cases the property tests found, kept as exact, fast regression tests."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np

from corridor_sim import simulate
from corridor_sim.scenario import scenario_from_dict

TWO_NODES: dict[str, Any] = {
    "name": "regression",
    "run": {"start": "2024-01-01", "horizon_days": 20},
    "nodes": {"a": {"kind": "zone", "lat": 40, "lon": 50},
              "b": {"kind": "seaport", "lat": 41, "lon": 49}},
    "services": {"ab": {"mode": "rail", "from": "a", "to": "b", "distance_km": 10,
                        "transit_h": 54, "fleet": {"vehicles": 4, "capacity_teu": 4},
                        "departure": {"every_h": 1}}},
    "flows": {"f": {"origin": "a", "destination": "b", "cargo": "container",
                    "annual_teu": 8766, "lot_teu": 1, "arrival": "regular"}},
}


def test_fleet_cut_counts_vehicles_until_they_retire() -> None:
    """Fleet 4 → 1 on day 5: vehicles still on their trips stay in the fleet (util ≤ 1)."""
    doc = copy.deepcopy(TWO_NODES)
    doc["timeline"] = [{"date": "2024-01-06", "set": {"services.ab.fleet.vehicles": 1}}]
    r = simulate(scenario_from_dict(doc), seed=0)
    daily = r.edges_daily
    assert daily["fleet_util"].between(0, 1).all(), daily[daily["fleet_util"] > 1]
    assert 0 < r.kpi("service", "ab", "fleet_utilization") <= 1
    away_days = daily["vehicle_away_h"] / 24.0
    assert (away_days <= daily["vehicles"] + 1e-9).all()
    assert daily.loc[daily["day"] == 0, "vehicles"].item() == 4
    assert daily.loc[daily["day"] == daily["day"].max(), "vehicles"].item() == 1


def test_berth_cut_counts_berths_until_vessels_leave() -> None:
    """Berths 3 → 1 while three vehicles unload for days: berth utilization stays ≤ 1."""
    doc = copy.deepcopy(TWO_NODES)
    doc["nodes"]["b"].update({"berths": 3, "handling": {"container_teu_per_h": 0.05}})
    doc["services"]["ab"].update({"transit_h": 1, "fleet": {"vehicles": 3, "capacity_teu": 4},
                                  "departure": {"fill": 1.0, "max_wait_h": 1}})
    doc["timeline"] = [{"date": "2024-01-03", "set": {"nodes.b.berths": 1}}]
    r = simulate(scenario_from_dict(doc), seed=0)
    b = r.nodes_daily[r.nodes_daily["node"] == "b"]
    assert (b["berth_busy_h"] > 24).any(), "the case needs several berths busy on one day"
    assert b["berth_util"].between(0, 1 + 1e-12).all(), b[b["berth_util"] > 1]
    assert np.isclose(b["berth_util"].iloc[0], b["berth_busy_h"].iloc[0] / (3 * 24))


def test_trip_records_the_capacity_it_loaded_under() -> None:
    """Capacity factor 1 → 0.5 while a full vehicle is on its way: its load factor stays 1."""
    doc = copy.deepcopy(TWO_NODES)
    doc["services"]["ab"]["fleet"]["vehicles"] = 1
    doc["services"]["ab"]["departure"] = {"fill": 1.0, "max_wait_h": 100}
    doc["timeline"] = [{"date": "2024-01-03", "set": {"services.ab.capacity_factor": 0.5}}]
    r = simulate(scenario_from_dict(doc), seed=0)
    trips = r.trips
    assert trips["load_factor"].max() == 1.0
    crossing = trips[(trips["load_start_h"] < 48) & (trips["unloaded_h"] > 48)]
    assert len(crossing) == 1 and crossing["teu"].item() == 4.0
    assert crossing["cap_teu"].item() == 4.0
    assert set(trips.loc[trips["load_start_h"] > 48, "cap_teu"]) == {2.0}


def test_yard_utilization_uses_the_capacity_in_force() -> None:
    """A yard expanded 4 → 40 TEU by the timeline: daily utilization is against 40, not 4."""
    doc = copy.deepcopy(TWO_NODES)
    doc["nodes"]["b"]["yard_teu"] = 4
    doc["nodes"]["c"] = {"kind": "zone", "lat": 42, "lon": 48}
    doc["services"]["ab"].update({"transit_h": 1, "fleet": {"vehicles": 3, "capacity_teu": 4},
                                  "departure": {"every_h": 2}})
    doc["services"]["bc"] = {"mode": "rail", "from": "b", "to": "c", "distance_km": 1,
                             "transit_h": 1, "fleet": {"vehicles": 1, "capacity_teu": 4},
                             "departure": {"every_h": 48}}
    doc["flows"]["f"]["destination"] = "c"
    doc["timeline"] = [{"date": "2024-01-05", "set": {"nodes.b.yard_teu": 40}}]
    r = simulate(scenario_from_dict(doc), seed=1)
    b = r.nodes_daily[r.nodes_daily["node"] == "b"]
    assert b["yard_teu"].max() > 4, "the case needs the expanded yard to fill beyond 4 TEU"
    assert b["yard_teu_util"].between(0, 1).all(), b[b["yard_teu_util"] > 1]
    before, after = b[b["day"] < 3], b[b["day"] >= 4]
    assert np.allclose(before["yard_teu_util"], before["yard_teu"] / 4)
    assert np.allclose(after["yard_teu_util"], after["yard_teu"] / 40)
    assert r.kpi("node", "b", "yard_teu_util_max") <= 1
