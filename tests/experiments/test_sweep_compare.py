"""Sweeps over dotted parameters and scenario comparisons on common random numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from corridor_sim import compare_scenarios, run_sweep
from corridor_sim.experiments.compare import flatten, scenario_diff, unique_labels
from corridor_sim.experiments.sweep import parse_param, split_values, sweep_points
from corridor_sim.scenario import Scenario, ScenarioError, scenario_from_dict

from .conftest import PORT, doc

VEHICLES = "services.pz.fleet.vehicles"


def test_parse_param_reads_yaml_values() -> None:
    assert parse_param("services.pz.fleet.vehicles=1, 2,3") == (VEHICLES, [1, 2, 3])
    assert parse_param("flows.c.growth_per_year=0.1,0.2") == ("flows.c.growth_per_year",
                                                               [0.1, 0.2])
    assert split_values("[1, 2],{a: 1, b: 2},'x,y'") == ["[1, 2]", "{a: 1, b: 2}", "'x,y'"]
    for bad in ("services.pz.fleet.vehicles", "x=", "x=1,,2", "=1"):
        with pytest.raises(ScenarioError):
            parse_param(bad)


def test_factorial_and_zipped_points() -> None:
    grid = sweep_points({"a": [1, 2], "b": ["x", "y", "z"]})
    assert grid == [{"a": a, "b": b} for a in (1, 2) for b in ("x", "y", "z")]
    assert sweep_points({"a": [1, 2], "b": [3, 4]}, zipped=True) == [{"a": 1, "b": 3},
                                                                    {"a": 2, "b": 4}]
    with pytest.raises(ScenarioError, match="as many values"):
        sweep_points({"a": [1, 2], "b": [3]}, zipped=True)


def test_bad_sweep_path_is_a_scenario_error_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "port.yaml"
    path.write_text(yaml.safe_dump(PORT))
    with pytest.raises(ScenarioError) as info:
        run_sweep(path, {"services.pz.fleet.vehicels": [1, 2]}, replications=1)
    text = info.value.render()
    assert str(path) in text and "did you mean 'vehicles'" in text
    with pytest.raises(ScenarioError, match="sweep point 1"):
        run_sweep(path, {VEHICLES: [1, -1]}, replications=1)


def test_sweep_over_the_fleet_uses_common_random_numbers(port: Scenario) -> None:
    r = run_sweep(port, {VEHICLES: [1, 3]}, replications=5, seed=6)
    assert r.points.to_dict("list") == {"point": [0, 1], VEHICLES: [1, 3]}
    created = r.replications.query("scope == 'flow' and metric == 'created_teu'")
    a, b = (created[created["point"] == k]["value"].to_numpy() for k in (0, 1))
    assert np.array_equal(a, b)  # same arrivals at every point
    sea = r.table("group", "sea", "throughput_teu")
    assert sea["mean"].iloc[1] > 1.5 * sea["mean"].iloc[0]  # the sea leg was the bottleneck
    assert list(r.summary.columns[:2]) == ["point", "scope"]
    assert set(r.targets["point"]) == {0, 1}


def test_listed_points(port: Scenario) -> None:
    points = [{VEHICLES: 2}, {VEHICLES: 2, "flows.c.annual_teu": 20000}]
    r = run_sweep(port, points=points, replications=2, seed=1)
    assert r.points[VEHICLES].tolist() == [2, 2]
    assert np.isnan(r.points["flows.c.annual_teu"].iloc[0])
    assert r.experiments[1].scenario.flows["c"].annual_teu == 20000


def test_identical_scenarios_differ_by_exactly_zero(port: Scenario) -> None:
    c = compare_scenarios([port, port], replications=3, seed=2)
    assert c.labels == ["port", "port-2"]
    d = c.differences
    assert (d["diff_mean"].fillna(0.0) == 0.0).all()
    assert not d["significant"].any()
    assert c.scenario_diff.empty


def test_comparison_pairs_on_common_random_numbers(port: Scenario, tmp_path: Path) -> None:
    bigger = scenario_from_dict(doc(PORT, name="bigger",
                                    services__pz__fleet={"vehicles": 3, "capacity_teu": 150}))
    c = compare_scenarios([port, bigger], replications=5, seed=2, out=tmp_path / "c")
    d = c.differences.set_index(["scope", "name", "metric"])
    created = d.loc[("flow", "c", "created_teu")]
    assert (created["diff_mean"], created["diff_std"]) == (0.0, 0.0)  # same arrivals
    sea = d.loc[("group", "sea", "throughput_teu")]
    assert sea["significant"] and sea["ci_low"] > 0
    assert c.scenario_diff["path"].tolist() == ["name", VEHICLES]
    assert c.scenario_diff[["port", "bigger"]].values.tolist() == [["port", "bigger"], [1, 3]]
    assert set(c.targets["scenario"]) == {"port", "bigger"}
    assert (tmp_path / "c" / "port" / "manifest.json").exists()
    assert (tmp_path / "c" / "differences.csv").exists()


def test_flatten_and_diff_helpers(port: Scenario) -> None:
    assert flatten({"a": {"b": 1, "c": [1, 2], "d": {}}}) == {"a.b": 1, "a.c": [1, 2], "a.d": {}}
    extra = scenario_from_dict(doc(PORT, targets={}))
    diff = scenario_diff([port, extra], ["one", "two"])
    assert diff.iloc[0].tolist()[2] == "<absent>"
    assert unique_labels(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]
