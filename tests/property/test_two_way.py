"""Two-way networks at saturating demand: conservation per flow and direction, and the
static bound as a true ceiling (backhaul fleets and the terminals' other traffic included).

A chain a → b → c whose services carry back on their return legs (``backhaul``) to a
fleetless service c → b → a, demand both ways far above capacity (3–10 ×), and other
traffic at b taking its berth and yard. Fixed times, so the limits are exact up to the
window's edges: each vehicle may do one more trip than its cycles allow, a berth may
finish one more handling (the allowances below).
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from corridor_sim.api import simulate
from corridor_sim.capacity import capacity_bounds, simulated_bottlenecks
from corridor_sim.scenario import scenario_from_dict

Y = 8766.0


def node(**extra: Any) -> dict[str, Any]:
    return {"kind": "seaport", "lat": 41.0, "lon": 50.0, **extra}


@st.composite
def two_way(draw: st.DrawFn) -> dict[str, Any]:
    """A saturated two-way chain (see the module docstring)."""
    rate = draw(st.floats(10, 60))
    doc: dict[str, Any] = {
        "name": "two-way", "run": {"start": "2025-03-01", "horizon_days": 60},
        "nodes": {"a": {**node(), "kind": "zone"}, "c": {**node(), "kind": "zone"},
                  "b": node(berths=draw(st.integers(1, 3)),
                            handling={"container_teu_per_h": rate})},
        "services": {}, "flows": {},
    }
    capacity_teu = 0.0
    for frm, to in (("a", "b"), ("b", "c")):
        teu = float(2 * draw(st.integers(10, 60)))
        vehicles = draw(st.integers(1, 3))
        fwd, back = f"{frm}{to}", f"{to}{frm}"
        doc["services"][fwd] = {
            "mode": "feeder", "from": frm, "to": to, "distance_km": 500, "cargo": ["container"],
            "transit_h": draw(st.floats(5, 40)), "return_h": draw(st.floats(5, 40)),
            "backhaul": back, "capacity_factor": draw(st.sampled_from([1.0, 0.9])),
            "fleet": {"vehicles": vehicles, "capacity_teu": teu,
                      "availability": draw(st.sampled_from([1.0, 0.8]))},
            "departure": draw(st.sampled_from([{"fill": 1.0, "max_wait_h": 48},
                                               {"every_h": 24.0}]))}
        doc["services"][back] = {
            "mode": "feeder", "from": to, "to": frm, "distance_km": 500, "cargo": ["container"],
            "transit_h": 10, "fleet": {"vehicles": 0, "capacity_teu": teu}}
        capacity_teu = max(capacity_teu, vehicles * teu * Y / 20.0)
    for name, (o, d) in {"west": ("a", "c"), "east": ("c", "a")}.items():
        doc["flows"][name] = {"origin": o, "destination": d, "cargo": "container", "lot_teu": 2,
                              "annual_teu": capacity_teu * draw(st.floats(3, 10)),
                              "batch_lots": draw(st.integers(1, 5)),
                              "route": [o, "b", d]}
    if draw(st.booleans()):
        doc["background"] = {"other": {"node": "b", "cargo": "container", "call_teu": 50,
                                       "annual_teu": draw(st.floats(1000, 20000))}}
    return doc


def allowance_teu(doc: dict[str, Any], kind: str, name: str) -> float:
    """TEU one more trip per vehicle (and slot) can carry, for an element's vehicles."""
    def trips(svc: dict[str, Any]) -> float:
        f = svc["fleet"]
        return (f["vehicles"] + 1) * f["capacity_teu"]
    services = doc["services"]
    if kind == "service":
        owners = [name, *(k for k, s in services.items() if s.get("backhaul") == name)]
        return sum(trips(services[o]) for o in owners)
    calling = [s for s in services.values() if name in (s["from"], s["to"])]
    return sum(trips(s) for s in calling) + 50.0 * doc["nodes"][name].get("berths", 1)


@settings(max_examples=12)
@given(two_way(), st.integers(0, 2**16))
def test_two_way_saturated_runs_conserve_and_stay_under_the_bound(doc: dict[str, Any],
                                                                  seed: int) -> None:
    s = scenario_from_dict(doc)
    results = simulate(s, seed=seed)
    cons = results.conservation
    assert cons["ok"].all() and set(cons["flow"]) == {"west", "east"}
    report = capacity_bounds(s, closures=False)
    window_y = s.run.horizon_days * 24 / Y
    view = simulated_bottlenecks(results, report)
    for row in view.itertuples():
        if row.element_kind == "yard":
            continue
        limit = row.capacity_teu_per_year * window_y + allowance_teu(doc, row.element_kind, row.name)
        assert row.throughput_teu_per_year * window_y <= limit + 1e-6, row
    cut = report.max_flow[report.max_flow["scope"] == "flows"].iloc[0]
    assert 0 < cut["max_flow"] < float("inf")
    extra = sum(allowance_teu(doc, *e.split(":")) for e in cut["cut"].split(" + "))
    delivered = sum(results.kpi("flow", f, "throughput_teu") for f in ("west", "east"))
    assert delivered <= cut["max_flow"] * window_y + extra + 1e-6
    # both directions move: the fleets carry back what waits
    assert results.kpi("flow", "east", "throughput_teu") > 0
