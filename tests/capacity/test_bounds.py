"""Static capacity of tiny networks against figures worked out by hand."""

from __future__ import annotations

import math
from typing import Any

import pytest

from corridor_sim.capacity import capacity_bounds
from corridor_sim.capacity.window import annual_demand, weather_closed_fraction
from corridor_sim.scenario import scenario_from_dict
from tests.capacity.nets import chain, node

Y = 8766.0  # hours a year


def element(report: Any, kind: str, name: str) -> Any:
    df = report.elements
    return df[(df["element_kind"] == kind) & (df["name"] == name)].iloc[0]


def weathered_chain() -> dict[str, Any]:
    doc = chain()
    doc["weather"] = {"caspian": {"closure_starts_per_day": [0.1] * 12,
                                  "duration_days": 2}}
    doc["services"]["ab"].update({"transit_h": 30, "return_h": 26, "capacity_factor": 0.9,
                                  "weather": "caspian"})
    doc["services"]["ab"]["fleet"].update({"vehicles": 2, "availability": 0.8})
    doc["services"]["bc"] = {
        "mode": "rail", "from": "b", "to": "c", "distance_km": 550, "transit_h": 10,
        "fleet": {"vehicles": 10, "capacity_wagons": 40}, "departure": {"every_h": 12},
        "cargo": ["container"]}
    doc["nodes"]["b"]["closures"] = [{"start": "2025-03-01", "end": "2025-03-11"}]
    return doc


def test_fleet_cycle_with_weather_by_hand() -> None:
    report = capacity_bounds(scenario_from_dict(weathered_chain()))
    ab = element(report, "service", "ab")
    # vehicle-hours: 2 vehicles x 0.8 x 8766 h x (1 - 0.2/1.2) = 11688 h a year;
    # one TEU uses (30 + 26) h / (100 x 0.9) TEU + 1/25 h unloading at b = 149/225 h.
    assert ab["capacity_teu_per_year"] == pytest.approx(11688 * 225 / 149, rel=1e-12)
    assert ab["capacity_t_per_year"] == pytest.approx(12 * 11688 * 225 / 149, rel=1e-12)
    assert ab["utilization"] == pytest.approx(10_000 / (11688 * 225 / 149), rel=1e-12)
    assert bool(ab["binding"])


def test_headway_and_berths_by_hand() -> None:
    report = capacity_bounds(scenario_from_dict(weathered_chain()))
    # 730.5 departures a year of 40 wagons x 2 TEU (the fleet could do 302,276 TEU),
    # less the 10 days its origin b is closed
    bc = element(report, "service", "bc")
    assert bc["capacity_teu_per_year"] == pytest.approx(58_440 * (1 - 240 / 8760), rel=1e-12)
    # b is only passed through: each TEU is handled twice; closed 10 days of 365
    berths = 2 * Y * 25 / 2 * (1 - 240 / 8760)
    b = element(report, "node", "b")
    assert b["capacity_teu_per_year"] == pytest.approx(berths, rel=1e-12)
    assert b["utilization"] == pytest.approx(10_000 / berths, rel=1e-12)
    assert not bool(b["binding"])
    assert math.isinf(element(report, "node", "c")["capacity_teu_per_year"])


def test_bottleneck_and_max_flow_name_the_fleet() -> None:
    report = capacity_bounds(scenario_from_dict(weathered_chain()))
    cap = 11688 * 225 / 149
    assert report.scope == "flows"  # no targets and no trans_caspian group
    assert report.bottleneck is not None and report.bottleneck.name == "ab"
    assert str(report.bottleneck) == ("feeder fleet ab: 0.21 Mt/yr, 17,650 TEU/yr (57 % used)")
    flows = report.max_flow[report.max_flow["scope"] == "flows"].iloc[0]
    assert flows["max_flow"] == pytest.approx(cap, rel=1e-9)
    assert flows["bottleneck"] == "feeder fleet ab"
    scope = report.scopes[report.scopes["scope"] == "flows"].iloc[0]
    assert scope["scale"] == pytest.approx(cap / 10_000, rel=1e-9)
    assert scope["bound_teu_per_year"] == pytest.approx(cap, rel=1e-9)


def test_mixed_cargo_shares_the_fleet() -> None:
    doc = {
        "run": {"start": "2025-01-01", "horizon_days": 365},
        "nodes": {"a": node("zone"), "b": node("zone")},
        "services": {"ferry": {"mode": "rail_ferry", "from": "a", "to": "b",
                               "distance_km": 400, "transit_h": 20,
                               "fleet": {"vehicles": 1, "capacity_wagons": 50}}},
        "flows": {"boxes": {"origin": "a", "destination": "b", "cargo": "container",
                            "annual_teu": 5000, "t_per_teu": 10},
                  "grain": {"origin": "a", "destination": "b", "cargo": "dry_bulk",
                            "annual_t": 300_000}},
    }
    ferry = element(capacity_bounds(scenario_from_dict(doc)), "service", "ferry")
    cap_teu, cap_t = Y * 100 / 40, Y * 3400 / 40  # 40 h a round trip, 100 TEU or 3400 t
    util = 5000 / cap_teu + 300_000 / cap_t
    assert ferry["utilization"] == pytest.approx(util, rel=1e-12)
    assert ferry["capacity_teu_per_year"] == pytest.approx(cap_teu, rel=1e-12)
    assert ferry["capacity_t_per_year"] == pytest.approx(350_000 / util, rel=1e-12)


def test_heavy_containers_are_limited_by_wagon_tonnes() -> None:
    doc = {
        "run": {"start": "2025-01-01", "horizon_days": 365},
        "nodes": {"a": node("zone"), "b": node("zone")},
        "services": {"ab": {"mode": "rail", "from": "a", "to": "b", "distance_km": 400,
                            "transit_h": 20, "fleet": {"vehicles": 1, "capacity_wagons": 50}}},
        "flows": {"f": {"origin": "a", "destination": "b", "cargo": "container",
                        "annual_teu": 1000, "t_per_teu": 40}},
    }
    ab = element(capacity_bounds(scenario_from_dict(doc)), "service", "ab")
    assert ab["capacity_teu_per_year"] == pytest.approx(Y * 85 / 40)  # 3400 t / 40 t = 85 TEU


def test_yard_design_capacity_and_timeline_pieces() -> None:
    doc = chain()
    doc["nodes"]["b"].update({"yard_teu": 500, "dwell_h": 10, "capacity_teu_per_year": 15_000})
    doc["timeline"] = [{"date": "2025-07-02", "set": {"services.ab.fleet.vehicles": 3}}]
    report = capacity_bounds(scenario_from_dict(doc))
    assert element(report, "yard", "b")["capacity_teu_per_year"] == pytest.approx(500 * Y / 10)
    design = element(report, "design", "b")
    assert design["capacity_teu_per_year"] == pytest.approx(15_000)
    assert design["utilization"] == pytest.approx(10_000 / 15_000)
    one = Y / (100 / 100 + 1 / 25)  # 1 vehicle: 100 h round trip a 100 TEU + unloading
    w1 = 182 * 24 / 8760
    assert element(report, "service", "ab")["capacity_teu_per_year"] == pytest.approx(
        one * (w1 + 3 * (1 - w1)), rel=1e-12)


def test_demand_over_the_window_follows_growth_and_seasons() -> None:
    doc = chain(annual_teu=1000, horizon_days=730)
    doc["flows"]["f"]["growth_per_year"] = 0.1
    assert annual_demand(scenario_from_dict(doc), "f")[0] == pytest.approx(1050)
    doc = chain(annual_teu=1000, horizon_days=31)
    doc["flows"]["f"]["seasonality"] = [2.0] + [1.0] * 11
    teu, t = annual_demand(scenario_from_dict(doc), "f")
    assert teu == pytest.approx(1000 * 2 * 365 / 396)  # January at 2 / (396/365)
    assert t == pytest.approx(12 * teu)


def test_weather_fraction_is_day_weighted_over_months() -> None:
    doc = chain()
    doc["weather"] = {"z": {"closure_starts_per_day": [0.1] * 6 + [0.0] * 6,
                            "duration_days": {"exponential": 2.0}}}
    s = scenario_from_dict(doc)
    closed = weather_closed_fraction(s, "z", 0.0, 8760.0)
    assert closed == pytest.approx(181 / 365 * (0.2 / 1.2), rel=1e-12)


def test_closures_off_gives_hard_limits() -> None:
    report = capacity_bounds(scenario_from_dict(weathered_chain()), closures=False)
    ab = element(report, "service", "ab")
    assert ab["capacity_teu_per_year"] == pytest.approx(2 * 0.8 * Y * 225 / 149, rel=1e-12)
