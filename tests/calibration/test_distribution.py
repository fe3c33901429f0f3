"""The fitted distribution: round trip, reproducible per-replication draws, relative moves,
and parameter uncertainty carried into experiments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corridor_sim import run_experiment
from corridor_sim.calibration import FittedDistribution, Parameter, load_distribution, save_distribution
from corridor_sim.calibration.distribution import from_dict
from corridor_sim.scenario import ScenarioError, scenario_from_dict

AVAIL = Parameter("availability", (0.3, 1.0), 0.6, set=("services.ab.fleet.availability",))
DEMAND = Parameter("demand", (0.5, 2.0), 1.0, scale=(("flows.f.annual_teu", 50_000.0),))


def _dist(sd: float = 0.05) -> FittedDistribution:
    cov = np.array([[sd**2, 0.3 * sd * 0.1], [0.3 * sd * 0.1, 0.1**2]])
    return FittedDistribution((AVAIL, DEMAND), np.array([0.6, 1.2]), cov, "feeder.yaml", "test", "2026-12-01")


def test_round_trip_through_yaml(tmp_path: Path) -> None:
    d = _dist()
    path = save_distribution(d, tmp_path / "fit.yaml")
    back = load_distribution(path)
    assert back.parameters == d.parameters
    assert back.estimate == pytest.approx(d.estimate) and back.cov == pytest.approx(d.cov)
    assert from_dict(d.to_dict()).label == d.label


def test_a_missing_or_malformed_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="corridor-sim calibrate --write"):
        load_distribution(tmp_path / "none.yaml")
    (tmp_path / "bad.yaml").write_text("parameters: []\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="estimate"):
        load_distribution(tmp_path / "bad.yaml")


def test_draws_depend_only_on_the_replication_and_stay_in_bounds() -> None:
    d = _dist(sd=0.3)  # wide: many draws fall outside [0.3, 1] and are redrawn
    draws = np.array([d.for_replication(11, i) for i in range(400)])
    again = np.array([d.for_replication(11, i) for i in reversed(range(400))])[::-1]
    assert np.array_equal(draws, again)
    assert len({tuple(x) for x in draws}) == 400
    assert draws[:, 0].min() >= 0.3 and draws[:, 0].max() <= 1.0
    # the untruncated coordinate keeps its mean: |mean − 1.2| within 4 standard errors
    assert abs(draws[:, 1].mean() - 1.2) < 4 * 0.1 / np.sqrt(400)


def test_a_draw_moves_each_path_relative_to_the_estimate(feeder: dict[str, Any]) -> None:
    s = scenario_from_dict(feeder)  # availability 0.6, annual_teu 60,000
    moved = _dist().perturbed(s, [0.7, 1.5])
    assert moved.services["ab"].fleet.availability == pytest.approx(0.6 + 0.1)
    assert moved.flows["f"].annual_teu == pytest.approx(60_000 * 1.5 / 1.2)
    assert s.services["ab"].fleet.availability == 0.6  # the original is untouched
    absent = FittedDistribution((Parameter("x", (0, 1), 0.5, set=("services.zz.fleet.availability",)),),
                                np.array([0.5]), np.array([[0.01]]))
    assert absent.perturbed(s, [0.9]) == s


def test_experiment_with_parameter_uncertainty(feeder: dict[str, Any]) -> None:
    feeder["run"]["horizon_days"] = 120  # Dec–Mar: a quarter measured
    s = scenario_from_dict(feeder)
    kpi = ("group", "sea", "throughput_teu")
    plain = run_experiment(s, replications=6, seed=4)
    drawn = run_experiment(s, replications=6, seed=4, parameter_uncertainty=_dist())
    again = run_experiment(s, replications=6, seed=4, parameter_uncertainty=_dist())
    assert drawn.replications.equals(again.replications)
    assert drawn.kpi(*kpi)["std"] > plain.kpi(*kpi)["std"]
    assert "availability=0.6" in drawn.meta["parameter_uncertainty"]


@pytest.mark.slow
def test_parameter_draws_do_not_depend_on_the_workers(feeder: dict[str, Any]) -> None:
    feeder["run"]["horizon_days"] = 120
    s = scenario_from_dict(feeder)
    one = run_experiment(s, replications=4, seed=4, parameter_uncertainty=_dist())
    two = run_experiment(s, replications=4, seed=4, workers=2, parameter_uncertainty=_dist())
    assert one.replications.equals(two.replications)
