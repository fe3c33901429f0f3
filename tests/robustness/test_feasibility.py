"""Feasibility checks: what they refuse is covered by the bad corpus; here, what they accept."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from corridor_sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from corridor_sim.scenario.feasibility import (
    MAX_LOTS,
    candidate_services,
    expected_lots,
    timeline_versions,
)

ROOT = Path(__file__).resolve().parents[2]
BASE: dict[str, Any] = yaml.safe_load((ROOT / "tests" / "data" / "bad" / "_base.yaml").read_text())


def doc(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    for path, value in changes.items():
        node = out
        *parents, last = path.split("__")
        for part in parents:
            node = node[part]
        node[last] = value
    return out


def test_lot_exactly_one_vehicle_and_yard_exactly_one_load_are_fine() -> None:
    d = doc(flows__f__lot_teu=80.0, nodes__b__yard_teu=100.0)
    d["services"]["ab"]["capacity_factor"] = 0.8  # 100 TEU × 0.8 = one 80 TEU lot
    s = scenario_from_dict(d)
    assert s.flows["f"].lot_size_teu == 80.0


def test_a_slightly_bigger_lot_is_refused_with_both_sizes() -> None:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(doc(flows__f__lot_teu=80.5))
    [problem] = info.value.problems
    assert problem.path == "services.bc.fleet"
    assert "80.5 TEU" in problem.message and "(80 TEU" in problem.message


def test_unused_parallel_service_is_not_a_candidate() -> None:
    d = doc()
    d["nodes"]["x"] = {"kind": "rail_hub", "lat": 42, "lon": 45}
    d["services"]["ax"] = {"mode": "road", "from": "a", "to": "x", "distance_km": 5,
                           "transit_h": 1, "fleet": {"vehicles": 1, "capacity_teu": 1}}
    s = scenario_from_dict(d)  # x leads nowhere: its 1 TEU trucks never see a 2 TEU lot
    assert candidate_services(s, s.flows["f"]) == {"ab", "bc"}


def test_fixed_route_candidates_include_disabled_services_on_its_hops() -> None:
    d = doc()
    d["services"]["ab2"] = {**copy.deepcopy(d["services"]["ab"]), "enabled": False}
    d["flows"]["f"]["route"] = ["a", "b", "c"]
    s = scenario_from_dict(d)
    assert candidate_services(s, s.flows["f"]) == {"ab", "ab2", "bc"}


def test_timeline_versions_apply_changes_in_date_order() -> None:
    d = doc()
    d["timeline"] = [{"date": "2025-01-20", "set": {"services.ab.fleet.vehicles": 5}},
                     {"date": "2025-01-10", "set": {"services.ab.fleet.vehicles": 3,
                                                    "services.ab.from": 1}}]
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(d)
    assert [p.path for p in info.value.problems] == ["timeline.1.set.services.ab.from"]
    del d["timeline"][1]["set"]["services.ab.from"]
    problems, versions = timeline_versions(scenario_from_dict(d))
    assert problems == []
    assert [v.change for v in versions] == [-1, 1, 0]
    assert [v.scenario.services["ab"].fleet.vehicles for v in versions] == [1, 3, 5]


def test_expected_lots_with_growth_is_a_finite_upper_bound() -> None:
    d = doc(flows__f__growth_per_year=10.0)
    d["run"]["horizon_days"] = 36_000
    s = scenario_from_dict(doc(flows__f__growth_per_year=0.5))
    _, versions = timeline_versions(s)
    one_year = expected_lots(s, versions, "f")
    assert one_year >= 1000 * 30 / 365.25  # 2000 TEU a year in 2 TEU lots, 30 days
    with pytest.raises(ScenarioError, match="at most 20,000,000"):
        scenario_from_dict(d)
    assert MAX_LOTS == 20_000_000


SHIPPED = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED or ["none shipped"])
def test_shipped_scenarios_pass_the_checks(name: str) -> None:
    path = ROOT / "scenarios" / name
    if not path.exists():
        pytest.skip("no scenario is shipped yet")
    s = load_scenario(path)
    assert s.flows
