"""Exact event traces on tiny networks with fixed times and regular arrivals."""

from __future__ import annotations

import pytest

from corridor_sim import simulate
from corridor_sim.scenario import scenario_from_dict


def trips(doc: dict) -> list[tuple]:
    r = simulate(scenario_from_dict(doc), seed=0)
    cols = ["service", "call_h", "load_start_h", "depart_h", "arrive_h", "unloaded_h", "teu"]
    return [tuple(round(x, 6) if isinstance(x, float) else x for x in row)
            for row in r.trips[cols].itertuples(index=False)]


def test_headway_feeder_trace(tiny: dict) -> None:
    # Lots arrive at 10, 20, 30, ... h. Sailings every 24 h carry what waits; unloading at
    # 20 TEU/h; 10 h to sail, 10 h back. The vehicle misses no slot until day 5.
    assert trips(tiny) == [
        ("ab", 0.0, 24.0, 24.0, 34.0, 34.2, 4.0),      # lots of 10, 20 h
        ("ab", 44.2, 48.0, 48.0, 58.0, 58.2, 4.0),     # 30, 40
        ("ab", 68.2, 72.0, 72.0, 82.0, 82.3, 6.0),     # 50, 60, 70
        ("ab", 92.3, 96.0, 96.0, 106.0, 106.2, 4.0),   # 80, 90
    ]


def test_lot_times_follow_the_trace(tiny: dict) -> None:
    r = simulate(scenario_from_dict(tiny), seed=0)
    lots = r.lots
    assert lots["created_h"].tolist()[:5] == pytest.approx([10, 20, 30, 40, 50])
    assert lots["delivered_h"].tolist()[:5] == pytest.approx([34.2, 34.2, 58.2, 58.2, 82.3])
    # lots of 100 and 110 h board the sailing of 120 h, the horizon itself; none at 120 h
    assert lots["created_h"].tolist()[-2:] == pytest.approx([100, 110])
    assert lots["status"].tolist()[-2:] == ["on_vehicle", "on_vehicle"]


def test_full_or_wait_and_clearance_trace(tandem: dict) -> None:
    # At b each unloading clears in 2 h, then waits for the train (8 TEU, leaves full or
    # 12 h after it is ready). Train: 20 h out, 20 h back.
    rows = [r for r in trips(tandem) if r[0] == "bc"]
    assert rows == [
        # 4 TEU ready at 36.2 (unloaded 34.2 + 2 h clearance); the train was called at 0 h,
        # so its maximum wait has passed: it loads at once (4 TEU at 20 TEU/h = 0.2 h).
        ("bc", 0.0, 36.2, 36.4, 56.4, 56.4, 4.0),
        # back at 76.4: 4 TEU ready since 60.2 (58.2 + 2); its 12 h wait would end at 88.4,
        # but 6 TEU more clear at 84.3 → 10 TEU ≥ 8: it loads 8 TEU (0.4 h) and leaves full.
        ("bc", 76.4, 84.3, 84.7, 104.7, 104.7, 8.0),
    ]


def test_headway_skips_empty_slots(tiny: dict) -> None:
    tiny["flows"]["f"]["annual_teu"] = 1753.2 / 5  # one lot every 50 h
    rows = trips(tiny)
    assert [r[3] for r in rows] == [72.0]  # lots of 50 h wait for the slot at 72 h


def test_storm_closure_holds_departures(tiny: dict) -> None:
    tiny["services"]["ab"]["closures"] = [{"start": "2025-01-02", "end": "2025-01-03"}]
    rows = trips(tiny)
    # The 24 h and 48 h slots fall in the closure [24, 48): the first sailing waits until
    # 48 h and takes the lots of 10–40 h.
    assert rows[0][3] == 48.0 and rows[0][6] == 8.0


def test_timeline_adds_a_vehicle(tiny: dict) -> None:
    tiny["services"]["ab"]["transit_h"] = 30  # a round trip of 60 h + handling
    tiny["timeline"] = [{"date": "2025-01-02", "set": {"services.ab.fleet.vehicles": 2}}]
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert sorted(r.trips["vehicle"].unique().tolist()) == [0, 1]
    second = r.trips[r.trips["vehicle"] == 1]
    assert second["call_h"].min() == pytest.approx(24.0)


def test_backpressure_full_yard_blocks_unloading(tandem: dict) -> None:
    # Yard of 6 TEU at b; the train takes 4 TEU and is away 80 h. Feeder loads are 4, 4, 6 TEU.
    tandem["nodes"]["b"]["yard_teu"] = 6
    tandem["services"]["ab"]["fleet"]["capacity_teu"] = 6  # a yard must hold one vehicle load
    tandem["services"]["bc"]["fleet"]["capacity_teu"] = 4
    tandem["services"]["bc"]["transit_h"] = 40
    r = simulate(scenario_from_dict(tandem), seed=0)
    t = r.trips
    feeder = t[t["service"] == "ab"].reset_index(drop=True)
    train = t[t["service"] == "bc"].reset_index(drop=True)
    assert train.loc[0, "load_start_h"] == pytest.approx(36.2)  # the first 4 TEU leave the yard
    # third feeder arrives at 82 h with 6 TEU; the yard holds the 4 TEU of 58.2 h until the
    # train is back (36.4 + 80 = 116.4 h) and loads them; the feeder then waits for the one
    # berth (the train loads 0.2 h) and unloads 6 TEU in 0.3 h.
    assert feeder.loc[2, "arrive_h"] == pytest.approx(82.0)
    assert feeder.loc[2, "unloaded_h"] == pytest.approx(116.9)
    yard = r.nodes_daily.loc[r.nodes_daily["node"] == "b", "yard_teu"]
    assert yard.max() <= 6


def test_headway_is_one_departure_per_slot(tiny: dict) -> None:
    # Two vehicles, plenty of cargo: they alternate slots, never both in one.
    tiny["services"]["ab"]["fleet"].update({"vehicles": 2, "capacity_teu": 2})
    tiny["flows"]["f"]["annual_teu"] = 1753.2 * 10  # a lot every hour
    rows = trips(tiny)
    departures = [r[3] for r in rows]
    assert departures == [24.0, 48.0, 72.0, 96.0]
