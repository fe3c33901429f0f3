"""Invariants every run must satisfy, whatever the corridor, the demand and the weather.

Each ``check_*`` function raises AssertionError with a readable reason. They read the
public result tables, plus the finished engine model for the yard levels at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridor_sim.engine.model import Model
from corridor_sim.engine.run import RawResults, build, collect
from corridor_sim.network import resolve_routes
from corridor_sim.results import Results, build_results
from corridor_sim.scenario import Scenario
from corridor_sim.scenario.feasibility import timeline_versions, vehicle_load

EPS = 1e-6


@dataclass
class Run:
    """One finished simulation: the scenario, its results, raw records and live model."""

    scenario: Scenario
    results: Results
    raw: RawResults
    model: Model


def simulate_keeping_model(scenario: Scenario, seed: int) -> Run:
    """What :func:`corridor_sim.simulate` does, keeping the model for end-of-run checks."""
    routes = resolve_routes(scenario)
    model, monitor = build(scenario, routes, seed)
    model.run()
    raw = collect(model, monitor)
    results = build_results(raw, scenario, routes, {"scenario": scenario.name, "seed": seed})
    return Run(scenario, results, raw, model)


def versions(s: Scenario) -> list[Scenario]:
    """The scenario as each timeline change leaves it (the first is the scenario itself)."""
    problems, found = timeline_versions(s)
    assert not problems, problems
    return [v.scenario for v in found]


# -- cargo -----------------------------------------------------------------------


def check_conservation(r: Results) -> None:
    """The results' own check, and a recount from the lots table, per flow, in lots/t/TEU."""
    assert r.conservation["ok"].all(), r.conservation[~r.conservation["ok"]]
    assert set(r.lots["status"].astype(str)) <= {"delivered", "on_vehicle", "waiting"}
    for row in r.conservation.to_dict("records"):
        lots = r.lots[r.lots["flow"] == row["flow"]]
        measure = str(row["measure"])
        vals = pd.Series(1.0, index=lots.index) if measure == "lots" else lots[measure]
        by = vals.groupby(lots["status"].astype(str)).sum().to_dict()
        assert np.isclose(row["created"], vals.to_numpy().sum(), atol=EPS)
        for status, column in (("delivered", "delivered"), ("on_vehicle", "in_transit"),
                               ("waiting", "waiting")):
            assert np.isclose(row[column], by.get(status, 0.0), atol=EPS), (row, status)
        assert np.isclose(vals.to_numpy().sum(), sum(by.values()), atol=EPS)
    assert (r.lots["delivered_h"].notna() == (r.lots["status"] == "delivered")).all()


def check_lot_sizes(r: Results) -> None:
    """Each lot has exactly its flow's lot size (TEU and t)."""
    for name, flow in r.scenario.flows.items():
        lots = r.lots[r.lots["flow"] == name]
        assert (lots["teu"] == flow.lot_size_teu).all(), name
        assert np.allclose(lots["t"], flow.lot_size_t), name


def check_trips_carry_the_legs(r: Results) -> None:
    """Per service: cargo on finished trips = cargo of finished legs (lots, t, TEU)."""
    done = r.legs[r.legs["arrive_h"].notna()]
    legs = done.groupby(done["service"].astype(str))[["t", "teu"]].agg(["sum", "size"])
    trips = r.trips.groupby(r.trips["service"].astype(str))[["t", "teu", "lots"]].sum()
    assert sorted(legs.index) == sorted(trips.index)
    legs = legs.loc[trips.index]
    assert np.array_equal(trips["lots"].to_numpy(), legs[("t", "size")].to_numpy())
    assert np.allclose(trips["t"].to_numpy(), legs[("t", "sum")].to_numpy(), rtol=1e-9)
    assert np.allclose(trips["teu"].to_numpy(), legs[("teu", "sum")].to_numpy(), rtol=1e-9)
    assert (r.trips["lots"] >= 1).all()


# -- time ---------------------------------------------------------------------------


def check_time_order(r: Results, horizon_h: float) -> None:
    """created ≤ ready ≤ depart ≤ arrive ≤ next ready ≤ delivered, all inside the run."""
    lots, legs = r.lots, r.legs.sort_values(["lot", "leg"], kind="stable")
    assert ((lots["created_h"] >= 0) & (lots["created_h"] <= horizon_h)).all()
    done = lots.dropna(subset=["delivered_h"])
    assert (done["delivered_h"] >= done["created_h"]).all()
    assert (done["delivered_h"] <= horizon_h + EPS).all()
    assert (legs["depart_h"].isna() | (legs["ready_h"] <= legs["depart_h"])).all()
    assert (legs["arrive_h"].isna() | (legs["depart_h"] <= legs["arrive_h"])).all()
    assert (legs["depart_h"].notna() | legs["arrive_h"].isna()).all()
    assert (legs[["ready_h", "depart_h", "arrive_h"]].max(axis=1) <= horizon_h + EPS).all()
    same_lot = legs["lot"].to_numpy()[1:] == legs["lot"].to_numpy()[:-1]
    consecutive = legs["leg"].to_numpy()[1:] == legs["leg"].to_numpy()[:-1] + 1
    assert (consecutive | ~same_lot).all(), "legs of a lot must be numbered 0, 1, 2, ..."
    arrive, ready = legs["arrive_h"].to_numpy()[:-1], legs["ready_h"].to_numpy()[1:]
    assert (~same_lot | (arrive <= ready + 0.0)).all(), "a lot left a node before arriving"
    first = legs.groupby("lot").first()
    assert (first["leg"] == 0).all()
    assert np.allclose(first["ready_h"], lots.set_index("lot").loc[first.index, "created_h"])
    last = legs.groupby("lot").last()
    ends = last.loc[done["lot"]]
    assert np.array_equal(ends["arrive_h"].to_numpy(), done["delivered_h"].to_numpy())
    trips = r.trips
    for a, b in (("call_h", "load_start_h"), ("load_start_h", "depart_h"),
                 ("depart_h", "arrive_h"), ("arrive_h", "unloaded_h")):
        assert (trips[a] <= trips[b]).all(), (a, b)


# -- capacity ------------------------------------------------------------------------


def check_utilization(r: Results) -> None:
    """Berth, fleet, load and yard utilizations stay within [0, 1]."""
    for df, col in ((r.nodes_daily, "berth_util"), (r.edges_daily, "fleet_util"),
                    (r.trips, "load_factor")):
        values = df[col].to_numpy()
        assert ((values >= -EPS) & (values <= 1 + EPS)).all(), (col, df[values > 1 + EPS])
    fractions = r.kpis[r.kpis["unit"] == "fraction"]
    bad = fractions[(fractions["value"] < -EPS) | (fractions["value"] > 1 + EPS)]
    assert bad.empty, bad


def check_vehicle_loads(run: Run) -> None:
    """No trip carries more than one vehicle of its service may load, at any time."""
    trips = run.results.trips
    assert (trips["teu"] <= trips["cap_teu"] + EPS).all(), trips[trips["teu"] > trips["cap_teu"]]
    assert (trips["t"] <= trips["cap_t"] + EPS).all(), trips[trips["t"] > trips["cap_t"]]
    for name in run.scenario.services:
        loads = [vehicle_load(v.services[name]) for v in versions(run.scenario)]
        mine = trips[trips["service"] == name]
        assert (mine["teu"] <= max(teu for teu, _ in loads) + EPS).all(), name
        assert (mine["t"] <= max(t for _, t in loads) + EPS).all(), name


def yard_capacities(s: Scenario, node: str, measure: str) -> list[float]:
    """Yard capacity of ``node`` as the timeline sets it, in date order (inf: unbounded)."""
    caps = [getattr(v.nodes[node], f"yard_{measure}") for v in versions(s)]
    return [float("inf") if c is None else float(c) for c in caps]


def check_yards(run: Run) -> None:
    """Yard levels (daily, peak, final) never exceed capacity; the final level is the cargo there."""
    s, daily = run.scenario, run.results.nodes_daily
    for i, node in enumerate(run.model.nodes):
        for measure in ("teu", "t"):
            caps = yard_capacities(s, node.name, measure)
            cap = max(caps)
            mine = daily[daily["node"] == node.name]
            levels = mine[f"yard_{measure}"]
            assert (levels >= -EPS).all() and (levels <= cap + EPS).all(), (node.name, measure)
            if caps == sorted(caps):  # never cut: the yard is never over its capacity that day
                util = mine[f"yard_{measure}_util"].dropna()
                assert (util <= 1 + EPS).all(), (node.name, measure, mine[util > 1 + EPS])
            assert run.raw.yard_peak[measure][i] <= cap + EPS, (node.name, measure)
            level = getattr(node, f"yard_{measure}").level
            low, high = cargo_in_yard(run, node.index, measure)
            assert low - EPS <= level <= high + EPS, (node.name, measure, low, level, high)


def cargo_in_yard(run: Run, node: int, measure: str) -> tuple[float, float]:
    """Bounds on what the yard of ``node`` holds at the end (TEU for containers, t otherwise).

    At least the lots waiting there for an onward leg; at most those plus the onward
    lots on board vehicles that reserved room there and have not unloaded yet.
    """
    m = run.model
    low = high = 0.0
    for s in m.services:
        for p in s.queue.parcels:
            if p.leg > 0 and s.origin.index == node:
                low += _amount(p, measure)
    for group in m.dwelling.values():
        for p in group:
            if m.routes.nodes[p.route][p.leg] == node:
                low += _amount(p, measure)
    for parcels in m.on_board.values():
        for p in parcels:
            nodes = m.routes.nodes[p.route]
            if p.leg + 2 < len(nodes) and nodes[p.leg + 1] == node:
                high += _amount(p, measure)
    return low, low + high


def _amount(p: object, measure: str) -> float:
    teu, t = p.teu, p.t  # type: ignore[attr-defined]
    if measure == "teu":
        return float(teu)
    return float(t) if teu == 0 else 0.0


def check_all(run: Run) -> None:
    """Every invariant of one run."""
    r = run.results
    check_conservation(r)
    check_lot_sizes(r)
    check_trips_carry_the_legs(r)
    check_time_order(r, run.raw.horizon_h)
    check_utilization(r)
    check_vehicle_loads(run)
    check_yards(run)
