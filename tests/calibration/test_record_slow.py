"""The shipped calibration: baseline_2024 reproduces the 2024 record, baseline_2022 the 2022 one.

Slow (20 replications of a 458-day corridor each): ``pytest -m slow tests/calibration``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor_sim.calibration import SPEC_2024, check, current_values
from corridor_sim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.slow
def test_baseline_2024_reproduces_the_record_within_5_percent() -> None:
    scenario = load_scenario(SCENARIOS / "baseline_2024.yaml")
    table = check(scenario, SPEC_2024.observations, 0.05, replications=20,
                  root_seed=SPEC_2024.root_seed, workers=2)
    assert len(table) == len(SPEC_2024.observations)
    by_name = table.set_index("observation")
    for name in ("2024, t", "2024, TEU"):
        assert abs(by_name.loc[name, "rel_error"]) <= 0.05, table.to_string()
    assert table["within"].all(), table.to_string()


@pytest.mark.slow
def test_baseline_2022_reproduces_the_record_within_10_percent_without_refitting() -> None:
    (check_2022,) = SPEC_2024.checks
    base = load_scenario(SCENARIOS / "baseline_2024.yaml")
    scenario = load_scenario(SCENARIOS / check_2022.scenario)
    # nothing fitted is refitted: the fitted network parameters are the 2024 ones
    shared = [p for p in SPEC_2024.parameters if not p.scale and "seasonality" not in p.paths[0]]
    assert current_values(scenario, shared) == pytest.approx(current_values(base, shared))
    table = check(scenario, check_2022.observations, check_2022.tolerance, replications=20,
                  root_seed=SPEC_2024.root_seed, workers=2)
    assert table["within"].all(), table.to_string()
