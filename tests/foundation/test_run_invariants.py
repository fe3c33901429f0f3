"""Conservation, determinism and KPI arithmetic on small stochastic runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor_sim import simulate
from corridor_sim.scenario import scenario_from_dict


@pytest.fixture
def stochastic(tandem: dict) -> dict:
    tandem["run"].update({"horizon_days": 60, "warmup_days": 10})
    tandem["flows"]["f"]["arrival"] = "poisson"
    tandem["services"]["ab"]["transit_h"] = {"triangular": [8, 10, 14]}
    tandem["nodes"]["b"]["dwell_h"] = {"lognormal": [6, 0.5]}
    tandem["nodes"]["b"]["weather"] = "caspian"
    tandem["weather"] = {"caspian": {"closure_starts_per_day": [0.05] * 12,
                                     "duration_days": {"uniform": [1, 3]}}}
    tandem["targets"] = {"sea_teu": {"metric": "throughput_teu", "scope": "group:sea",
                                     "at_least": 1000}}
    return tandem


def test_conservation_per_flow(stochastic: dict) -> None:
    r = simulate(scenario_from_dict(stochastic), seed=3)
    c = r.conservation
    assert c["ok"].all()
    lots = c[c["measure"] == "lots"].iloc[0]
    assert lots["created"] == len(r.lots)
    assert lots["created"] == lots["delivered"] + lots["in_transit"] + lots["waiting"]
    assert lots["delivered"] > 0 and lots["waiting"] + lots["in_transit"] >= 0


def test_same_seed_identical_tables(stochastic: dict) -> None:
    s = scenario_from_dict(stochastic)
    a, b = simulate(s, seed=11), simulate(s, seed=11)
    for name, df in a.tables().items():
        pd.testing.assert_frame_equal(df, b.tables()[name], obj=name)


def test_different_seeds_differ(stochastic: dict) -> None:
    s = scenario_from_dict(stochastic)
    assert not simulate(s, seed=1).lots["created_h"].equals(simulate(s, seed=2).lots["created_h"])


def test_group_throughput_is_sum_of_trips_in_window(stochastic: dict) -> None:
    r = simulate(scenario_from_dict(stochastic), seed=5)
    t0, t1 = r.meta["window_h"]
    trips = r.trips[(r.trips["depart_h"] >= t0) & (r.trips["depart_h"] < t1)]
    assert r.kpi("group", "sea", "throughput_teu") == trips.loc[trips["service"] == "ab",
                                                                "teu"].sum()
    target = r.targets.iloc[0]
    assert target["value"] == pytest.approx(
        r.kpi("group", "sea", "throughput_teu") * 8766 / (t1 - t0))


def test_time_never_runs_backwards(stochastic: dict) -> None:
    r = simulate(scenario_from_dict(stochastic), seed=7)
    legs = r.legs.dropna(subset=["arrive_h"])
    assert (legs["ready_h"] <= legs["depart_h"]).all()
    assert (legs["depart_h"] < legs["arrive_h"]).all()
    done = r.lots.dropna(subset=["delivered_h"])
    assert (done["delivered_h"] >= done["created_h"]).all()


def test_weather_closes_the_port(stochastic: dict) -> None:
    r = simulate(scenario_from_dict(stochastic), seed=2)
    closed = r.kpi("node", "b", "closed_days")
    # 0.05 starts per open day, 2-day storms: ~9 % closed → about 4.5 of 50 days
    assert 0 < closed < 20
    assert np.isfinite(r.kpi("flow", "f", "transit_days_p95"))


def test_costs_from_tariffs(tiny: dict) -> None:
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r.kpi("flow", "f", "cost_usd_per_teu") == pytest.approx(100.0)


def test_conservation_when_the_run_ends_during_loading(tiny: dict) -> None:
    # Loading 4 TEU at 1 TEU/h from 24 h: the horizon (26 h) falls inside the loading.
    tiny["nodes"]["a"].update({"kind": "seaport", "handling": {"container_teu_per_h": 1}})
    tiny["run"]["horizon_days"] = 26 / 24
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r.conservation["ok"].all()
    assert r.lots["status"].tolist() == ["on_vehicle", "on_vehicle"]


def test_containers_pay_per_teu_and_bulk_per_tonne(tiny: dict) -> None:
    # a service with both rates: a container lot pays 2 TEU x 100, not also 24 t x 5
    tiny["services"]["ab"]["tariff_usd_per_t"] = 5
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r.kpi("flow", "f", "cost_usd_per_teu") == pytest.approx(100.0)
