"""Simulated vs reported: means, t intervals, tolerance and interval checks."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from scipy import stats

from corridor_sim.calibration import Observation, check_table

YEAR = (dt.date(2024, 1, 1), dt.date(2025, 1, 1))


def test_mean_interval_and_tolerance() -> None:
    obs = (Observation("t", "flows", "throughput_t", *YEAR, 100.0, "x"),
           Observation("d", "node:k", "closed_days", *YEAR, 50.0, "x", 0.0))
    sim = np.array([[96.0, 40.0], [98.0, 50.0], [100.0, 60.0], [102.0, 70.0]])
    table = check_table(sim, obs, 0.05)
    half = stats.t.ppf(0.975, 3) * np.std([96, 98, 100, 102], ddof=1) / 2
    row = table.iloc[0]
    assert (row["mean"], row["ci_low"], row["ci_high"], row["n"]) == pytest.approx(
        (99.0, 99.0 - half, 99.0 + half, 4))
    assert row["rel_error"] == pytest.approx(-0.01) and row["within"] and row["fitted"]
    assert table.iloc[1]["rel_error"] == pytest.approx(0.10) and not table.iloc[1]["within"]
    assert list(table["unit"]) == ["t", "days"]


def test_interval_check_when_the_expected_value_is_known() -> None:
    obs = (Observation("d", "node:k", "closed_days", *YEAR, 50.0, "x", 0.0),
           Observation("e", "node:k", "closed_days", *YEAR, 80.0, "x", 0.0))
    sim = np.array([[40.0, 40.0], [50.0, 50.0], [60.0, 60.0], [70.0, 70.0]])
    table = check_table(sim, obs, None)
    assert list(table["within"]) == [True, False]  # 55 ± 20.5 holds 50, not 80
    assert table["tolerance"].isna().all()
