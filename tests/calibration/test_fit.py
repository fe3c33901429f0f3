"""The fitting machinery recovers parameters whose right value is known."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from corridor_sim.calibration import (
    CalibrationSpec,
    Observation,
    Parameter,
    current_values,
    fit,
    observe,
    with_parameters,
)
from corridor_sim.calibration.objective import squared_relative_error
from corridor_sim.scenario import ScenarioError, scenario_from_dict

YEAR_2025 = (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
AVAILABILITY = Parameter("availability", (0.3, 1.0), 0.6, set=("services.ab.fleet.availability",))


def _teu_2025(reported: float, scope: str = "group:sea") -> Observation:
    return Observation("2025 TEU", scope, "throughput_teu", *YEAR_2025, reported, "synthetic")


def test_availability_fit_recovers_the_closed_form_value(feeder: dict[str, Any]) -> None:
    # 28,000 TEU in 2025 = 280 trips of 100 TEU = 8760 h × a / 25 h  →  a = 0.7991
    s = scenario_from_dict(feeder)
    spec = CalibrationSpec("feeder", (AVAILABILITY,), (_teu_2025(28_000),), replications=1,
                           root_seed=1)
    result = fit(s, spec, step_fraction=0.03)
    assert result.values[0] == pytest.approx(280 * 25 / 8760, abs=0.004)
    assert result.best.means[0] == pytest.approx(28_000, rel=0.004)
    assert result.best.objective < 1e-4
    assert result.evaluations == len(result.history) >= 2


def test_demand_level_and_route_share_recovered_under_common_random_numbers(
        split: dict[str, Any]) -> None:
    s = scenario_from_dict(split)
    window = (dt.date(2025, 1, 1), dt.date(2025, 3, 1))
    level = Parameter("demand", (0.5, 2.0), 1.0, scale=(("flows.f.annual_teu", 10_000.0),))
    share = Parameter("share_p", (0.1, 0.9), 0.5, set=("flows.f.route.0.share",),
                      complement=("flows.f.route.1.share",))
    observations = (Observation("total", "group:sea", "throughput_teu", *window, 1.0, "x"),
                    Observation("via p", "service:pz", "throughput_teu", *window, 1.0, "x"))
    truth = (1.4, 0.3)
    made = observe(with_parameters(s, (level, share), truth), observations, 2, 7).mean(axis=0)
    reported = tuple(Observation(o.name, o.scope, o.metric, o.start, o.end, float(v), "model at truth")
                     for o, v in zip(observations, made))
    spec = CalibrationSpec("split", (level, share), reported, replications=2, root_seed=7)
    result = fit(s, spec, step_fraction=0.05, xtol=1e-2, ftol=1e-3, noise_stop=None)
    assert result.values == pytest.approx(truth, rel=0.03)
    assert result.best.objective < 1e-3


def test_with_parameters_sets_scales_and_complements_without_touching_the_original(
        split: dict[str, Any]) -> None:
    s = scenario_from_dict(split)
    level = Parameter("demand", (0.5, 2.0), 1.0, scale=(("flows.f.annual_teu", 8_000.0),))
    share = Parameter("share_p", (0.1, 0.9), 0.5, set=("flows.f.route.0.share",),
                      complement=("flows.f.route.1.share",))
    changed = with_parameters(s, (level, share), (1.5, 0.2))
    route = changed.flows["f"].route
    assert changed.flows["f"].annual_teu == 12_000.0
    assert [r.share for r in route] == pytest.approx([0.2, 0.8])  # type: ignore[union-attr]
    assert s.flows["f"].annual_teu == 10_000.0
    assert current_values(changed, (level, share)) == pytest.approx([1.5, 0.2])


def test_unknown_paths_and_invalid_values_are_errors(feeder: dict[str, Any]) -> None:
    s = scenario_from_dict(feeder)
    with pytest.raises(KeyError, match="services.nope.fleet"):
        with_parameters(s, (Parameter("x", (0, 1), 0.5, set=("services.nope.fleet.vehicles",)),), [1])
    with pytest.raises(ScenarioError, match="availability"):
        with_parameters(s, (AVAILABILITY,), [1.2])


def test_objective_is_the_weighted_mean_squared_relative_error() -> None:
    obs = (_teu_2025(100.0), Observation("b", "flows", "throughput_t", *YEAR_2025, 50.0, "x", 3.0),
           Observation("c", "flows", "throughput_t", *YEAR_2025, 10.0, "x", 0.0))
    spec = CalibrationSpec("w", (AVAILABILITY,), obs)
    # (110/100 − 1)² × 1 + (40/50 − 1)² × 3, over 4; the weight-0 row does not count
    assert squared_relative_error(np.array([110.0, 40.0, 99.0]), spec) == pytest.approx(
        (0.01 + 3 * 0.04) / 4)


def test_observations_outside_the_measured_window_are_refused(feeder: dict[str, Any]) -> None:
    s = scenario_from_dict(feeder)
    early = Observation("Dec 2024", "group:sea", "throughput_teu", dt.date(2024, 12, 1),
                        dt.date(2025, 1, 1), 1.0, "x")
    with pytest.raises(ValueError, match="outside the measured part"):
        observe(s, (early,), 1, 0)


@pytest.mark.parametrize("kwargs, message", [
    ({"bounds": (1.0, 0.5), "start": 0.7}, "increasing"),
    ({"bounds": (0.0, 1.0), "start": 2.0}, "outside"),
])
def test_parameter_checks_its_bounds(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Parameter("p", set=("a.b",), **kwargs)


def test_fit_needs_as_many_observations_as_parameters(feeder: dict[str, Any]) -> None:
    s = scenario_from_dict(feeder)
    other = Parameter("vehicles", (1, 3), 1, set=("services.ab.fleet.capacity_teu",))
    spec = CalibrationSpec("under", (AVAILABILITY, other), (_teu_2025(1.0),), replications=1)
    with pytest.raises(ValueError, match="at least as many"):
        fit(s, spec)


def _evaluation(rows: list[list[float]]) -> Any:
    from corridor_sim.calibration.objective import Evaluation
    sim = np.array(rows, dtype=float)
    return Evaluation((1.0,), sim, 0.0)


def test_within_noise_is_the_t_interval_of_the_replication_mean() -> None:
    from corridor_sim.calibration.fit import within_noise
    obs = (_teu_2025(100.0),)
    spec = CalibrationSpec("noise", (AVAILABILITY,), obs, replications=4, root_seed=1)
    # mean 103, sd 2 over 4 replications: half-width t(0.975, 3) · 2 / 2 = 3.182
    assert within_noise(_evaluation([[101], [101], [105], [105]]), spec)
    # mean 104, same sd: 4 > 3.182
    assert not within_noise(_evaluation([[102], [102], [106], [106]]), spec)
    # one replication has no interval: never "within noise"
    one = CalibrationSpec("one", (AVAILABILITY,), obs, replications=1, root_seed=1)
    assert not within_noise(_evaluation([[100]]), one)


def test_fit_stops_at_the_first_evaluation_within_the_noise(feeder: dict[str, Any]) -> None:
    from corridor_sim.calibration.fit import WITHIN_NOISE
    s = scenario_from_dict(feeder)
    made = observe(s, (_teu_2025(1.0),), 3, 5)
    spec = CalibrationSpec("start", (AVAILABILITY,), (_teu_2025(float(made.mean())),),
                           replications=3, root_seed=5)
    result = fit(s, spec, start=current_values(s, (AVAILABILITY,)))
    assert result.converged and result.message == WITHIN_NOISE
    # the start is the answer: one evaluation there, then only the final Jacobian's step
    assert result.values == pytest.approx(current_values(s, (AVAILABILITY,)))
    assert result.evaluations == 2
