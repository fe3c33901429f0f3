"""Benchmark scenarios: synthetic corridors, scaled volumes, horizons, growth stand-in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks import common
from benchmarks.synthetic import synthetic_corridor
from corridor_sim.scenario import scenario_from_dict
from tests.conftest import TINY


@pytest.mark.parametrize("n", [10, 30, 1000])
def test_synthetic_corridor_has_n_nodes_and_valid_routes(n: int) -> None:
    s = scenario_from_dict(synthetic_corridor(n, horizon_days=30))
    chains = n // 10
    assert len(s.nodes) == n
    assert len(s.services) == 9 * chains + (chains - 1)  # links, plus one rung per chain pair
    assert len(s.flows) == 2 * chains + (chains - 1)
    from corridor_sim.network import resolve_routes

    routes = resolve_routes(s)
    cross = [r for name, rs in routes.items() if name.endswith("-cross") for r in rs]
    assert all(len(r.services) == 9 for r in cross)


@pytest.mark.parametrize("n", [0, 15])
def test_synthetic_corridor_rejects_odd_sizes(n: int) -> None:
    with pytest.raises(ValueError, match="multiple of 10"):
        synthetic_corridor(n)


def test_synthetic_work_grows_with_size() -> None:
    small = common.measure_engine(scenario_from_dict(synthetic_corridor(10, 30)), repeat=1)
    big = common.measure_engine(scenario_from_dict(synthetic_corridor(30, 30)), repeat=1)
    # three chains and two crossings: a little over three times the lots of one chain
    assert 3.0 < big.lots / small.lots < 4.0


def timeline_doc() -> dict:
    doc = scenario_from_dict(TINY).model_dump(mode="json", by_alias=True, exclude_none=True)
    doc["nodes"]["b"].update({"yard_teu": 500, "capacity_teu_per_year": 9000})
    doc["timeline"] = [{"date": "2025-01-03", "set": {"nodes.b.berths": 2,
                                                      "services.ab.fleet.vehicles": 3,
                                                      "nodes.b.handling.container_teu_per_h": 30}}]
    return doc


def test_scaled_volume_multiplies_demand_and_means_not_sizes() -> None:
    s = common.scaled_volume(scenario_from_dict(timeline_doc()), 3)
    assert s.flows["f"].annual_teu == pytest.approx(3 * 1753.2)
    assert s.flows["f"].lot_teu == 2  # lots keep their size: three times as many
    b, ab = s.nodes["b"], s.services["ab"]
    assert (b.berths, b.yard_teu, b.capacity_teu_per_year) == (3, 1500, 27000)
    assert b.handling.container_teu_per_h == 20  # per berth: unchanged
    assert ab.fleet.vehicles == 3 and ab.fleet.capacity_teu == 100
    assert ab.departure.headway is not None and ab.departure.headway.every_h == pytest.approx(8.0)
    assert s.timeline[0].set == {"nodes.b.berths": 6, "services.ab.fleet.vehicles": 9,
                                 "nodes.b.handling.container_teu_per_h": 30}


def test_scaled_volume_one_is_the_same_scenario() -> None:
    s = scenario_from_dict(timeline_doc())
    assert common.scaled_volume(s, 1) == s


def test_with_horizon_sets_days_keeps_short_warmup_and_can_stop_growth() -> None:
    doc = timeline_doc()
    doc["run"]["warmup_days"] = 2
    doc["flows"]["f"]["growth_per_year"] = 0.5
    doc["timeline"].append({"date": "2025-01-04", "set": {"flows.f.growth_per_year": 0.7}})
    s = scenario_from_dict(doc)
    long = common.with_horizon(s, 40)
    assert (long.run.horizon_days, long.run.warmup_days) == (40, 2)
    assert long.flows["f"].growth_per_year == 0.5
    assert common.with_horizon(s, 3).run.warmup_days == 0  # 2 d is not under half of 3 d
    flat = common.with_horizon(s, 40, stationary=True)
    assert flat.flows["f"].growth_per_year == 0
    assert [c.set for c in flat.timeline] == [doc["timeline"][0]["set"]]


def test_growth_2030_stand_in_then_shipped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "target_2025.yaml").write_text(yaml.safe_dump(timeline_doc()))
    monkeypatch.setattr(common, "SCENARIOS", tmp_path)
    stand_in = common.growth_2030()
    assert stand_in.run.horizon_days == 3652
    assert stand_in.flows["f"].growth_per_year == common.GROWTH_PER_YEAR
    shipped = timeline_doc()
    shipped["name"] = "growth_2030"
    (tmp_path / "growth_2030.yaml").write_text(yaml.safe_dump(shipped))
    assert common.growth_2030().name == "growth_2030"
    assert common.growth_ten_years().run.horizon_days == common.TEN_YEARS_DAYS
