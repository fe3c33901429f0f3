"""Two-way traffic: a return leg that carries the cargo waiting for the service back."""

from __future__ import annotations

from typing import Any

import pytest

from corridor_sim import simulate
from corridor_sim.scenario import scenario_from_dict
from corridor_sim.scenario.errors import ScenarioError


def two_way(doc: dict[str, Any], annual_teu_back: float = 876.6) -> dict[str, Any]:
    """tiny plus a service b → a run only by ab's vehicles, and a flow b → a (a lot each 20 h)."""
    doc["services"]["ab"]["backhaul"] = "ba"
    doc["services"]["ba"] = {"mode": "feeder", "from": "b", "to": "a", "distance_km": 500,
                             "transit_h": 10, "fleet": {"vehicles": 0, "capacity_teu": 100}}
    doc["flows"]["g"] = {"origin": "b", "destination": "a", "cargo": "container",
                         "annual_teu": annual_teu_back, "lot_teu": 2, "arrival": "regular"}
    return doc


def trips(doc: dict) -> list[tuple]:
    r = simulate(scenario_from_dict(doc), seed=0)
    cols = ["service", "fleet", "call_h", "load_start_h", "depart_h", "arrive_h", "unloaded_h", "teu"]
    return [tuple(round(x, 6) if isinstance(x, float) else x for x in row)
            for row in r.trips[cols].itertuples(index=False)]


def test_backhaul_trace(tiny: dict) -> None:
    # Westbound lots at 10, 20, ... h; eastbound at 20, 40, ... h. ab sails at its 24 h slots,
    # unloads at 20 TEU/h, keeps the berth, loads what waits for ba (0.1 h a lot), sails back
    # in 10 h and is ready at a (no handling there) for the next slot.
    assert trips(two_way(tiny)) == [
        ("ab", "ab", 0.0, 24.0, 24.0, 34.0, 34.2, 4.0),      # lots of 10, 20 h
        ("ba", "ab", 34.2, 34.2, 34.3, 44.3, 44.3, 2.0),     # lot of 20 h
        ("ab", "ab", 44.3, 48.0, 48.0, 58.0, 58.2, 4.0),     # 30, 40
        ("ba", "ab", 58.2, 58.2, 58.3, 68.3, 68.3, 2.0),     # 40
        ("ab", "ab", 68.3, 72.0, 72.0, 82.0, 82.3, 6.0),     # 50, 60, 70
        ("ba", "ab", 82.3, 82.3, 82.5, 92.5, 92.5, 4.0),     # 60, 80
        ("ab", "ab", 92.5, 96.0, 96.0, 106.0, 106.2, 4.0),   # 80, 90
        ("ba", "ab", 106.2, 106.2, 106.3, 116.3, 116.3, 2.0),  # 100
    ]


def test_return_legs_count_empty_ones(tiny: dict) -> None:
    # one eastbound lot a year: every return leg in five days runs empty but none is lost
    r = simulate(scenario_from_dict(two_way(tiny, annual_teu_back=2.0)), seed=0)
    assert r.kpi("service", "ab", "return_legs") == 4
    assert r.kpi("service", "ab", "empty_legs") == 4
    assert r.kpi("service", "ab", "imbalance_teu") == 1.0
    r = simulate(scenario_from_dict(two_way(tiny)), seed=0)
    assert r.kpi("service", "ab", "empty_legs") == 0
    assert r.kpi("service", "ab", "backhaul_teu") == 10.0
    assert r.kpi("service", "ab", "imbalance_teu") == pytest.approx((18 - 10) / 28)


def test_two_way_conservation(tiny: dict) -> None:
    r = simulate(scenario_from_dict(two_way(tiny)), seed=0)
    assert r.conservation["ok"].all()
    assert set(r.conservation["flow"]) == {"f", "g"}


@pytest.mark.parametrize(("backhaul", "fragment"), [
    ("bx", "services.ab.backhaul: unknown service 'bx'"),
    ("ab", "the return leg runs b → a, but 'ab' runs a → b"),
])
def test_return_leg_without_a_service_back_is_refused(tiny: dict, backhaul: str, fragment: str) -> None:
    doc = two_way(tiny)
    doc["services"]["ab"]["backhaul"] = backhaul
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(doc)
    assert fragment in str(err.value)


def test_background_calls_share_the_berth_and_report_apart(tiny: dict) -> None:
    # b's other business: 8766 TEU a year in calls of 100 TEU = one call every 100 h on
    # average; each takes the single berth 5 h (100 TEU at 20 TEU/h).
    doc = tiny
    doc["run"]["horizon_days"] = 200
    doc["background"] = {"port": {"node": "b", "cargo": "container", "annual_teu": 8766,
                                  "call_teu": 100}}
    r = simulate(scenario_from_dict(doc), seed=3)
    calls = r.kpi("background", "port", "calls")
    assert calls > 20
    assert r.kpi("node", "b", "other_teu") == 100 * calls
    assert r.kpi("node", "b", "total_teu") == r.kpi("node", "b", "throughput_teu") + 100 * calls
    assert r.kpi("group", "sea", "throughput_teu") == r.kpi("flow", "f", "throughput_teu")
    alone = simulate(scenario_from_dict({**doc, "background": {}}), seed=3)
    # sharing the berth: the corridor's trips wait for the other calls, never the reverse
    def at_berth_h(res: Any) -> float:
        return float((res.trips["unloaded_h"] - res.trips["arrive_h"]).max())

    assert at_berth_h(alone) <= 0.3 + 1e-9 < at_berth_h(r)


@pytest.mark.parametrize(("entry", "fragment"), [
    ({"node": "b", "cargo": "container", "call_teu": 100}, "needs a yearly volume: set annual_teu"),
    ({"node": "b", "cargo": "dry_bulk", "annual_t": 0, "call_t": 100}, "set annual_t (> 0)"),
    ({"node": "bb", "cargo": "dry_bulk", "annual_t": 10, "call_t": 100}, "unknown node 'bb'"),
])
def test_background_without_volume_is_refused(tiny: dict, entry: dict, fragment: str) -> None:
    tiny["background"] = {"other": entry}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(tiny)
    assert fragment in str(err.value)


def test_mixed_fleet_classes_sail_with_their_own_capacity_and_speed(tiny: dict) -> None:
    # Two classes: "big" (1 vehicle, 10 wagons of 2 TEU, twice as fast, operator X) and
    # "small" (1 vehicle, 4 TEU, operator Y). Vehicle 0 is big, vehicle 1 small.
    svc = tiny["services"]["ab"]
    svc["departure"] = {"fill": 1.0, "max_wait_h": 1000}
    svc["fleet"] = {"vehicles": 2, "classes": {
        "big": {"vehicles": 1, "capacity_wagons": 10, "teu_per_wagon": 2, "speed_factor": 2,
                "operator": "X"},
        "small": {"vehicles": 1, "capacity_teu": 4, "operator": "Y"}}}
    tiny["run"]["horizon_days"] = 20
    r = simulate(scenario_from_dict(tiny), seed=0)
    t = r.trips
    big, small = t[t["vehicle"] == 0], t[t["vehicle"] == 1]
    assert set(big["teu"]) == {20.0} and set(small["teu"]) == {4.0}
    assert ((big["arrive_h"] - big["depart_h"]) == 5.0).all()      # 10 h / speed 2
    assert ((small["arrive_h"] - small["depart_h"]) == 10.0).all()
    assert set(big["operator"]) == {"X"} and set(small["operator"]) == {"Y"}
    assert r.kpi("service", "ab", "railcars_per_call") == pytest.approx(
        10 * len(big) / (len(big) + len(small)))
    assert r.kpi("operator", "X", "throughput_teu") == 20 * len(big)


def test_vehicle_class_without_capacity_is_refused(tiny: dict) -> None:
    tiny["services"]["ab"]["fleet"] = {"vehicles": 1, "classes": {"c": {"vehicles": 1}}}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(tiny)
    assert "services.ab.fleet.classes.c" in str(err.value)
    assert "needs capacity_teu, capacity_t or capacity_wagons" in str(err.value)


def test_empty_containers_go_back_on_the_return_legs(tiny: dict) -> None:
    doc = two_way(tiny, annual_teu_back=2.0)
    doc["flows"]["f"]["empties_back"] = 0.5
    s = scenario_from_dict(doc)
    empties = s.flows["f-empties"]
    assert (empties.origin, empties.destination, empties.annual_teu) == ("b", "a", 1753.2 / 2)
    assert empties.groups == ["empties"] and empties.t_per_teu == 2.2
    r = simulate(s, seed=0)
    assert r.kpi("flow", "f-empties", "throughput_teu") > 0
    assert r.kpi("service", "ab", "empty_legs") < 4
    assert r.conservation["ok"].all()
