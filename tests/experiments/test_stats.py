"""Statistics: t intervals, Wilson intervals and paired differences against known values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from corridor_sim.experiments.stats import mean_ci, paired_differences, summarise, wilson


def test_mean_ci_matches_the_textbook_t_interval() -> None:
    x = [1.0, 2.0, 3.0, 4.0, 5.0]
    mean, std, lo, hi, n = mean_ci(x)
    half = stats.t.ppf(0.975, 4) * math.sqrt(2.5) / math.sqrt(5)  # s^2 = 2.5
    assert (mean, n) == (3.0, 5)
    assert std == pytest.approx(math.sqrt(2.5), rel=1e-15)
    assert (lo, hi) == pytest.approx((3.0 - half, 3.0 + half), rel=1e-15)
    assert half == pytest.approx(1.963243161, rel=1e-9)  # 2.776445 * 0.707107


def test_mean_ci_leaves_out_nan_and_needs_two_values() -> None:
    assert mean_ci([np.nan, 2.0, np.nan, 4.0])[4] == 2
    assert mean_ci([np.nan, 2.0, np.nan, 4.0])[0] == 3.0
    mean, std, lo, hi, n = mean_ci([7.0])
    assert (mean, n) == (7.0, 1) and all(math.isnan(v) for v in (std, lo, hi))
    assert mean_ci([])[4] == 0 and math.isnan(mean_ci([])[0])


def test_constant_values_give_a_zero_width_interval() -> None:
    assert mean_ci([2.5] * 10) == (2.5, 0.0, 2.5, 2.5, 10)


@pytest.mark.parametrize(("k", "n", "lo", "hi", "tol"), [
    (5, 10, 0.2365931, 0.7634069, 2e-6),   # closed form with z = 1.959964
    (0, 10, 0.0, 0.2775328, 2e-6),
    (10, 10, 0.7224672, 1.0, 2e-6),
    (81, 263, 0.2553, 0.3662, 1e-4),      # Newcombe (1998), table I, published to 4 digits
])
def test_wilson_interval_known_values(k: int, n: int, lo: float, hi: float, tol: float) -> None:
    p, ci_low, ci_high = wilson(k, n)
    assert p == k / n
    assert (ci_low, ci_high) == pytest.approx((lo, hi), abs=tol)


def test_wilson_without_trials_is_nan() -> None:
    assert all(math.isnan(v) for v in wilson(0, 0))


def _long(values: dict[str, list[float]]) -> pd.DataFrame:
    rows = [(i, "flow", name, "x", v) for name, vs in values.items() for i, v in enumerate(vs)]
    return pd.DataFrame(rows, columns=["replication", "scope", "name", "metric", "value"])


def test_summarise_keeps_kpi_order_and_counts() -> None:
    s = summarise(_long({"b": [1.0, 3.0], "a": [2.0, 2.0, np.nan]}))
    assert s["name"].tolist() == ["b", "a"]
    assert s["mean"].tolist() == [2.0, 2.0]
    assert s["n"].tolist() == [2, 2]


def test_paired_differences_use_pairs_not_two_samples() -> None:
    rng = np.random.default_rng(0)
    noise = rng.normal(0.0, 100.0, 30)
    base = _long({"k": list(1000.0 + noise)})
    other = _long({"k": list(1001.0 + noise + rng.normal(0.0, 0.1, 30))})
    d = paired_differences(base, other).iloc[0]
    assert d["significant"]
    assert d["ci_low"] > 0.9 and d["ci_high"] < 1.1  # +1 detected under noise of sd 100
    same = paired_differences(base, base).iloc[0]
    assert (same["diff_mean"], same["ci_low"], same["ci_high"]) == (0.0, 0.0, 0.0)
    assert not same["significant"]


def test_intervals_of_bounded_kpis_are_clipped() -> None:
    days = [0.0, 0.0, 0.0, 0.0, 40.0]  # closures in one storm year of five
    util = [0.02, 0.95, 0.99, 0.01, 0.97]
    rows = [(i, "node", "aktau", "closed_days", v) for i, v in enumerate(days)]
    rows += [(i, "node", "aktau", "yard_teu_util_max", v) for i, v in enumerate(util)]
    s = summarise(pd.DataFrame(rows, columns=["replication", "scope", "name", "metric", "value"]))
    closed = s[s["metric"] == "closed_days"].iloc[0]
    yard = s[s["metric"] == "yard_teu_util_max"].iloc[0]
    assert mean_ci(days)[2] < 0 and closed["ci_low"] == 0.0 and closed["ci_high"] == mean_ci(days)[3]
    assert mean_ci(util)[3] > 1 and mean_ci(util)[2] < 0
    assert (yard["ci_low"], yard["ci_high"]) == (0.0, 1.0)


def test_paired_interval_is_scipys_ttest_rel() -> None:
    rng = np.random.default_rng(5)
    base = rng.normal(10, 2, 12)
    other = base + rng.normal(0.5, 0.3, 12)
    long = [pd.DataFrame({"replication": range(12), "scope": "flow", "name": "f", "metric": "x",
                          "value": v}) for v in (base, other)]
    d = paired_differences(*long).iloc[0]
    ci = stats.ttest_rel(other, base).confidence_interval(0.95)
    assert (d["ci_low"], d["ci_high"]) == pytest.approx((ci.low, ci.high), rel=1e-12)
    assert d["significant"]
