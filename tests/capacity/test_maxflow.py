"""Max flow and minimum cut (networkx) name the right element with the right figure."""

from __future__ import annotations

from typing import Any

import pytest

from corridor_sim.capacity import capacity_bounds
from corridor_sim.scenario import scenario_from_dict
from tests.capacity.nets import node, service

Y = 8766.0


def diamond(rail_vehicles: int = 2, p_rate: float = 50.0) -> dict[str, Any]:
    """o -rail-> p -ferry f1-> q1 -rail-> d and p -ferry f2-> q2 -rail-> d."""
    ferry = {"mode": "rail_ferry"}
    return {
        "run": {"start": "2025-01-01", "horizon_days": 365},
        "nodes": {"o": node("zone"), "p": node(handling={"container_teu_per_h": p_rate}),
                  "q1": node(), "q2": node(), "d": node("zone")},
        "services": {
            "op": service("o", "p", rail_vehicles, 100, 20, mode="rail"),
            "f1": service("p", "q1", 1, 100, 48, **ferry),
            "f2": service("p", "q2", 2, 100, 48, **ferry),
            "f3": service("p", "q1", 5, 100, 48, tariff_usd_per_teu=1000, **ferry),
            "q1d": service("q1", "d", 2, 100, 10, mode="rail"),
            "q2d": service("q2", "d", 2, 100, 10, mode="rail"),
        },
        "flows": {"f": {"origin": "o", "destination": "d", "cargo": "container",
                        "annual_teu": 10_000, "lot_teu": 2,
                        "route": [{"route": ["o", "p", "q1", "d"], "share": 1},
                                  {"route": ["o", "p", "q2", "d"], "share": 1}]}},
    }


def flows_row(doc: dict[str, Any]) -> Any:
    mf = capacity_bounds(scenario_from_dict(doc)).max_flow
    return mf[(mf["scope"] == "flows") & (mf["cargo"] == "container")].iloc[0]


def test_cut_is_both_ferries() -> None:
    row = flows_row(diamond())
    # a ferry TEU: 96 h round trip / 100 TEU + 1/50 h loading at p = 0.98 h; f3 (dearer,
    # on no route) is not usable
    assert row["max_flow"] == pytest.approx(3 * Y / 0.98, rel=1e-12)
    assert row["cut"] == "service:f1 + service:f2"
    assert row["bottleneck"] == "rail-ferry fleet f1 + rail-ferry fleet f2"
    assert row["utilization"] == pytest.approx(10_000 / (3 * Y / 0.98))


def test_cut_moves_upstream_to_the_rail() -> None:
    row = flows_row(diamond(rail_vehicles=1))
    assert row["max_flow"] == pytest.approx(Y / (40 / 100 + 1 / 50), rel=1e-12)
    assert row["cut"] == "service:op"


def test_split_node_names_the_berths() -> None:
    row = flows_row(diamond(p_rate=5.0))
    # p is only passed through: one berth, 5 TEU/h, two handlings a TEU
    assert row["max_flow"] == pytest.approx(Y * 5 / 2, rel=1e-12)
    assert row["cut"] == "node:p" and row["bottleneck"] == "p berths"


def test_design_capacity_is_never_a_cut_element() -> None:
    # the engine does not hold cargo to a design capacity, so neither does the bound
    doc = diamond()
    without = flows_row(doc)
    doc["nodes"]["q2"]["capacity_teu_per_year"] = 4000.0
    row = flows_row(doc)
    assert row["max_flow"] == pytest.approx(without["max_flow"], rel=1e-12)
    assert "design" not in row["cut"] and "design" not in row["bottleneck"]


def test_a_node_where_cargo_starts_gets_one_handling() -> None:
    doc = diamond(p_rate=5.0)
    for name in ("f1", "f2"):
        doc["services"][name]["fleet"]["vehicles"] = 20
    doc["flows"]["g"] = {"origin": "p", "destination": "d", "cargo": "container",
                         "annual_teu": 100, "route": ["p", "q2", "d"]}
    row = flows_row(doc)
    assert row["max_flow"] == pytest.approx(Y * 5, rel=1e-12)  # not halved: an upper bound


def test_each_class_has_its_own_cut() -> None:
    doc = diamond()
    doc["services"]["bulk"] = {"mode": "feeder", "from": "p", "to": "q2", "distance_km": 300,
                               "transit_h": 24, "cargo": ["dry_bulk"],
                               "fleet": {"vehicles": 1, "capacity_t": 5000}}
    for name in ("op", "q2d"):
        doc["services"][name]["cargo"] = ["container", "dry_bulk"]
        doc["services"][name]["fleet"]["capacity_t"] = 10_000
    doc["flows"]["ore"] = {"origin": "o", "destination": "d", "cargo": "dry_bulk",
                           "annual_t": 50_000, "route": ["o", "p", "q2", "d"]}
    mf = capacity_bounds(scenario_from_dict(doc)).max_flow
    ore = mf[(mf["scope"] == "flows") & (mf["cargo"] == "dry_bulk")].iloc[0]
    assert ore["cut"] == "service:bulk"
    assert ore["max_flow"] == pytest.approx(Y * 5000 / 48, rel=1e-12)
    assert ore["unit"] == "t" and ore["max_flow_teu_per_year"] == 0.0
