"""The integer programme picks the cheapest expansions, checked by hand."""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridor_sim.capacity import plan_expansions
from corridor_sim.scenario import ScenarioError, scenario_from_dict
from tests.capacity.nets import chain

Y = 8766.0


def menu() -> dict[str, Any]:
    """ab: 1 ship of 100 TEU, 100 h a round trip (8766 TEU a year); bc: 1 train, 50 h."""
    doc = chain()
    doc["nodes"]["b"].pop("handling")
    doc["services"]["ab"]["expandable"] = {
        "fleet.vehicles": {"step": 1, "max_steps": 5, "unit_cost_usd": 10},
        "fleet.capacity_teu": {"step": 50, "max_steps": 5, "unit_cost_usd": 5}}
    doc["services"]["bc"]["expandable"] = {
        "fleet.vehicles": {"step": 1, "max_steps": 3, "unit_cost_usd": 30}}
    doc["nodes"]["b"]["expandable"] = {"berths": {"step": 1, "max_steps": 3, "unit_cost_usd": 1}}
    return doc


def test_cheapest_combination_by_hand() -> None:
    # 30,000 TEU: ab needs (1 + k) ships x (100 + 50 j) TEU >= 342.2 -> cost 10 k + 5 j;
    # k=1, j=2 costs 20 (k=3 costs 30, k=0 j=5 and k=2 j=1 cost 25); bc needs 2 trains (30).
    plan = plan_expansions(scenario_from_dict(menu()), target_teu=30_000, scope="flows")
    assert plan.feasible and plan.message == "target met"
    got = {(r.name, r.field): r.steps for r in plan.steps.itertuples()}
    assert got == {("ab", "fleet.vehicles"): 1, ("ab", "fleet.capacity_teu"): 2,
                   ("bc", "fleet.vehicles"): 1}
    assert plan.total_cost_usd == 50
    assert plan.bound_before_teu_per_year == pytest.approx(Y)
    assert plan.bound_after_teu_per_year == pytest.approx(2 * Y * 2)  # both now 35,064
    assert sorted(plan.overrides) == ["services.ab.fleet.capacity_teu=200",
                                      "services.ab.fleet.vehicles=2",
                                      "services.bc.fleet.vehicles=2"]
    json.dumps(plan.to_dict())


def test_tonnes_target_uses_the_containers_weight() -> None:
    plan = plan_expansions(scenario_from_dict(menu()), target_t=360_000, scope="flows")
    assert plan.required_scale == pytest.approx(3.0)  # 10,000 TEU x 12 t = 120,000 t
    assert plan.total_cost_usd == 50


def test_target_already_within_the_bound() -> None:
    plan = plan_expansions(scenario_from_dict(menu()), target_teu=5_000)
    assert plan.feasible and plan.total_cost_usd == 0 and plan.steps.empty
    assert plan.message.startswith("the capacity bound (an upper limit, not a forecast) already covers")


def test_an_element_without_options_makes_it_infeasible() -> None:
    doc = menu()
    del doc["services"]["bc"]["expandable"]
    plan = plan_expansions(scenario_from_dict(doc), target_teu=30_000)
    assert not plan.feasible
    assert "feeder fleet bc" in plan.message and "feeder fleet ab" not in plan.message


def test_no_container_flow_cannot_meet_a_teu_target() -> None:
    doc = menu()
    doc["flows"]["f"] = {"origin": "a", "destination": "c", "cargo": "general",
                         "annual_t": 1000}
    for svc in doc["services"].values():
        svc["cargo"] = ["general"]
        svc["fleet"]["capacity_t"] = 1000
    plan = plan_expansions(scenario_from_dict(doc), target_teu=100)
    assert not plan.feasible and "carries TEU" in plan.message


def test_interacting_options_are_checked_and_excluded() -> None:
    # capacity_factor and vehicle size multiply: adding their effects separately would
    # accept cf 0.75 x 200 TEU (= 150 per trip, cost 2.1) for a need of 160 per trip;
    # the check rejects it and the next cheapest, cf 1.0 x 200 TEU (cost 3.1), passes.
    doc = menu()
    doc["services"]["ab"]["capacity_factor"] = 0.5
    doc["services"]["ab"]["expandable"] = {
        "capacity_factor": {"step": 0.25, "max_steps": 4, "unit_cost_usd": 1},
        "fleet.capacity_teu": {"step": 100, "max_steps": 2, "unit_cost_usd": 1.1}}
    doc["services"]["bc"]["fleet"]["vehicles"] = 4
    plan = plan_expansions(scenario_from_dict(doc), target_teu=Y * 1.6, scope="flows")
    got = {r.field: r.steps for r in plan.steps.itertuples()}
    assert got == {"capacity_factor": 2, "fleet.capacity_teu": 1}
    assert plan.total_cost_usd == pytest.approx(3.1)
    assert plan.bound_after_teu_per_year == pytest.approx(2 * Y)


def test_unusable_option_is_a_scenario_error() -> None:
    doc = menu()
    doc["services"]["ab"]["expandable"]["transit_h"] = {"step": 1, "unit_cost_usd": 1}
    with pytest.raises(ScenarioError) as err:
        plan_expansions(scenario_from_dict(doc), target_teu=30_000)
    assert "services.ab.expandable.transit_h" in str(err.value)
