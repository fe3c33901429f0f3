"""Legs per parcel: the compact table, its expansion per lot, and KPIs computed from it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from corridor_sim import simulate
from corridor_sim.results import Results
from corridor_sim.results.kpis import _node_stay, service_kpis
from corridor_sim.results.parcels import PARCEL_COLUMNS, previous_arrive_h
from corridor_sim.scenario import scenario_from_dict


@pytest.fixture(scope="module")
def split_run() -> Results:
    """a → b → c over 30 days; batches of 5 lots (10 TEU) onto 8-TEU trains: parcels split."""
    from tests.conftest import TINY

    doc: dict[str, Any] = {**TINY, "run": {"start": "2025-01-01", "horizon_days": 30,
                                           "warmup_days": 3}}
    doc["nodes"] = {**TINY["nodes"], "c": {"kind": "zone", "lat": 41.7, "lon": 44.8}}
    doc["nodes"]["b"] = {**TINY["nodes"]["b"], "yard_teu": 100, "dwell_h": 2}
    doc["services"] = {**TINY["services"], "bc": {
        "mode": "rail", "from": "b", "to": "c", "distance_km": 550, "transit_h": 20,
        "fleet": {"vehicles": 1, "capacity_teu": 8}, "departure": {"fill": 1.0, "max_wait_h": 12}}}
    doc["flows"] = {"f": {**TINY["flows"]["f"], "destination": "c", "batch_lots": 5,
                          "annual_teu": 1753.2 * 5}}
    return simulate(scenario_from_dict(doc), seed=1)


def _legs_per_lot(r: Results) -> pd.DataFrame:
    """The per-lot table built the plain way: one row per lot of every parcel row."""
    rows = []
    p = r.leg_parcels
    for rec in p.itertuples(index=False):
        for lot in range(rec.lot_start, rec.lot_stop):
            rows.append((lot, rec.leg, str(rec.service), str(rec.from_node), str(rec.to_node),
                         rec.ready_h, rec.depart_h, rec.arrive_h))
    cols = ["lot", "leg", "service", "from_node", "to_node", "ready_h", "depart_h", "arrive_h"]
    return pd.DataFrame(rows, columns=cols).sort_values(["lot", "leg"], kind="stable",
                                                         ignore_index=True)


def test_parcels_are_fewer_than_lot_legs_and_split(split_run: Results) -> None:
    p = split_run.leg_parcels
    assert list(p.columns) == PARCEL_COLUMNS
    assert (p["lots"] == p["lot_stop"] - p["lot_start"]).all()
    assert len(p) < len(split_run.legs) and p["lots"].sum() == len(split_run.legs)
    bc = p[(p["service"] == "bc") & p["depart_h"].notna()]
    assert bc["lots"].max() == 4 and (bc["lots"] < 4).any()  # 5-lot batches split on 4-lot trains
    assert (p["teu"] == p["lots"] * 2.0).all()


def test_expansion_is_the_plain_per_lot_table(split_run: Results) -> None:
    legs, plain = split_run.legs, _legs_per_lot(split_run)
    assert list(legs["lot"]) == list(plain["lot"]) and list(legs["leg"]) == list(plain["leg"])
    for col in ("service", "from_node", "to_node"):
        assert list(legs[col].astype(str)) == list(plain[col])
    for col in ("ready_h", "depart_h", "arrive_h"):
        np.testing.assert_array_equal(legs[col].to_numpy(), plain[col].to_numpy())
    np.testing.assert_array_equal(legs["wait_h"].to_numpy(), (plain["depart_h"] - plain["ready_h"]))
    assert (legs["teu"] == split_run.lots["teu"].to_numpy()[legs["lot"]]).all()
    assert split_run.legs is legs  # expanded once


def test_previous_arrival_is_the_lots_previous_leg(split_run: Results) -> None:
    legs = split_run.legs
    prev = np.full(len(legs), np.nan)
    same = (legs["lot"].to_numpy()[1:] == legs["lot"].to_numpy()[:-1])
    prev[1:][same] = legs["arrive_h"].to_numpy()[:-1][same]
    p = split_run.leg_parcels
    got = previous_arrive_h(p)
    first = legs.set_index(["lot", "leg"]).index.get_indexer(
        pd.MultiIndex.from_arrays([p["lot_start"], p["leg"]]))
    np.testing.assert_array_equal(got, prev[first])
    assert np.isnan(got[p["leg"].to_numpy() == 0]).all() and not np.isnan(got[p["leg"] == 1]).any()
    shuffled = np.random.default_rng(0).permutation(len(p))  # the row order does not matter
    np.testing.assert_array_equal(previous_arrive_h(p.iloc[shuffled]), got[shuffled])


def test_kpis_from_parcels_are_the_means_over_lots(split_run: Results) -> None:
    r = split_run
    t0, t1 = r.meta["window_h"]
    legs = r.legs
    win = legs[(legs["depart_h"] >= t0) & (legs["depart_h"] < t1)]
    waits = {row[1]: row[3] for row in service_kpis(r.scenario, r.trips, r.leg_parcels,
                                                     r.edges_daily, t0, t1)
             if row[2] == "wait_h_mean"}
    for svc, w in win.groupby(win["service"].astype(str))["wait_h"].mean().items():
        assert waits[svc] == pytest.approx(w, rel=1e-12)
    stay = _node_stay(r.leg_parcels, t0, t1)
    at_b = win[win["leg"] == 1]
    prev = legs.set_index(["lot", "leg"])["arrive_h"]
    expected = (at_b["depart_h"].to_numpy()
                - prev.loc[list(zip(at_b["lot"], at_b["leg"] - 1))].to_numpy()).mean()
    assert list(stay.index) == ["b"] and stay["b"] == pytest.approx(expected, rel=1e-12)
