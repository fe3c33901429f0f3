"""Observables by name: the monthly sums, departures and KPIs agree with the direct counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
import pytest

from corridor_sim.api import simulate
from corridor_sim.calibration import CalibrationSpec, Observation
from corridor_sim.calibration.observables import measure_observation, window_h
from corridor_sim.results import Results
from corridor_sim.scenario import scenario_from_dict

D = dt.date
YEAR = (D(2025, 1, 1), D(2026, 1, 1))  # the feeder's measured window (after 31 days of Dec 2024)


def _obs(metric: str, scope: str = "group:sea", start: dt.date = YEAR[0], end: dt.date = YEAR[1],
         **kw: Any) -> Observation:
    return Observation(metric, scope, metric, start, end, 1.0, "test", **kw)


@pytest.fixture(scope="module")
def run() -> Results:
    from tests.calibration.conftest import FEEDER

    return simulate(scenario_from_dict(FEEDER), seed=3)


@pytest.mark.parametrize("end", [D(2025, 4, 1), D(2025, 10, 1), D(2026, 1, 1)])
@pytest.mark.parametrize("scope", ["group:sea", "node:a", "node:b"])
def test_monthly_sums_equal_the_window_counts(run: Results, scope: str, end: dt.date) -> None:
    for unit in ("t", "teu"):
        direct = measure_observation(run, _obs(f"throughput_{unit}", scope, end=end))
        summed = measure_observation(run, _obs(f"cumulative_{unit}", scope, end=end))
        assert summed == pytest.approx(direct, rel=1e-12)
    assert measure_observation(run, _obs("cumulative_teu", scope, end=end)) > 0


def test_departures_are_the_full_feeder_trips(run: Results) -> None:
    # the feeder leaves full (100 TEU): departures × 100 = TEU carried, exactly
    teu = measure_observation(run, _obs("throughput_teu"))
    calls = measure_observation(run, _obs("departures", "service:ab"))
    assert calls == teu / 100 > 100
    assert measure_observation(run, _obs("departures", "group:sea")) == calls


def test_kpis_plug_in_by_name_with_fallbacks(run: Results) -> None:
    teu = measure_observation(run, _obs("throughput_teu"))
    assert measure_observation(run, _obs("kpi:throughput_teu")) == teu
    assert np.isnan(measure_observation(run, _obs("kpi:no_such_kpi")))
    assert measure_observation(run, _obs("kpi:no_such_kpi|throughput_teu")) == teu
    assert measure_observation(run, _obs("share:throughput_teu", "service:ab")) == 1.0
    assert np.isnan(measure_observation(run, _obs("share:no_such_kpi", "service:ab")))


def test_windows_that_a_kpi_or_a_monthly_sum_cannot_give_are_refused(run: Results) -> None:
    with pytest.raises(ValueError, match="covers the measured window 2025-01-01 to 2026-01-01"):
        window_h(run.scenario, _obs("kpi:throughput_teu", end=D(2025, 7, 1)))
    with pytest.raises(ValueError, match="sums whole months"):
        window_h(run.scenario, _obs("cumulative_teu", end=D(2025, 7, 15)))
    with pytest.raises(ValueError, match="outside the measured part"):
        window_h(run.scenario, _obs("throughput_teu", start=D(2024, 12, 1)))


def test_unknown_observables_and_shared_seeds_are_refused() -> None:
    with pytest.raises(ValueError, match="metric must be one of"):
        _obs("tonnes")
    with pytest.raises(ValueError, match="metric must be one of"):
        _obs("kpi:")
    assert _obs("kpi:total_t|throughput_t").unit == "t"
    assert _obs("kpi:railcars_per_call", unit_="railcars").unit == "railcars"
    spec = CalibrationSpec("s", (), (), root_seed=5, check_seed=6)
    with pytest.raises(ValueError, match="check_seed must differ"):
        dataclasses.replace(spec, check_seed=5)


@pytest.mark.slow
def test_observations_are_the_same_on_the_dask_executor(split: dict[str, Any]) -> None:
    from corridor_sim.calibration import observe

    s = scenario_from_dict(split)
    obs = (Observation("via p", "service:pz", "throughput_teu", D(2025, 1, 1), D(2025, 3, 1), 1.0, "x"),)
    assert np.array_equal(observe(s, obs, 3, 5, workers=1), observe(s, obs, 3, 5, workers=2))
