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


def _summarise_one_kpi_at_a_time(long: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """The reference: a groupby, a stable sort and :func:`mean_ci` per KPI."""
    from corridor_sim.experiments.stats import KEY, SUMMARY_COLUMNS, clip_interval

    rows = []
    for key, group in long.groupby(KEY, sort=False):
        ordered = group.sort_values("replication", kind="stable")["value"].to_numpy()
        mean, std, lo, hi, n = mean_ci(ordered, level)
        rows.append((*key, mean, std, *clip_interval(str(key[2]), lo, hi), n))
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"n": "int64"})


@pytest.mark.parametrize("seed", range(6))
def test_batched_summary_is_bit_identical_to_one_kpi_at_a_time(seed: int) -> None:
    # KPIs of 1 to 40 replications, shuffled rows, NaN, constants, near-constants,
    # a replication missing here and there, bounded and unbounded metrics.
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(60):
        reps = int(rng.integers(1, 41))
        kind = k % 5
        for r in range(reps):
            if kind == 0:
                v = float(rng.normal(10.0, 3.0))
            elif kind == 1:
                v = 4.0
            elif kind == 2:
                v = 1.0 + 1e-15 * r
            elif kind == 3:
                v = float(rng.exponential(2.0)) if rng.random() > 0.2 else math.nan
            else:
                v = float(rng.uniform(0.0, 1.0))
            if rng.random() > 0.1:
                rows.append((r, "flow", f"f{k}", "util" if kind == 4 else "days", v))
    long = pd.DataFrame(rows, columns=["replication", "scope", "name", "metric", "value"])
    long = long.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    for level in (0.95, 0.999):
        got, want = summarise(long, level), _summarise_one_kpi_at_a_time(long, level)
        pd.testing.assert_frame_equal(got, want, check_exact=True)
        assert got["mean"].to_numpy().tobytes() == want["mean"].to_numpy().tobytes()
        assert got["ci_low"].to_numpy().tobytes() == want["ci_low"].to_numpy().tobytes()


def _paired_one_kpi_at_a_time(base: pd.DataFrame, other: pd.DataFrame,
                              level: float = 0.95) -> pd.DataFrame:
    """The reference: merge, groupby, stable sort and :func:`paired_ci` per KPI."""
    from corridor_sim.experiments.stats import KEY, paired_ci

    cols = ["replication", *KEY, "value"]
    both = base[cols].merge(other[cols], on=["replication", *KEY], suffixes=("_base", ""))
    rows = []
    for key, g in both.groupby(KEY, sort=False):
        g = g.sort_values("replication", kind="stable")
        g = g[g[["value_base", "value"]].notna().all(axis=1)]
        mean, std, lo, hi, n = paired_ci(g["value"].to_numpy(float),
                                         g["value_base"].to_numpy(float), level)
        rows.append((*key, float(g["value_base"].mean()) if len(g) else math.nan,
                     float(g["value"].mean()) if len(g) else math.nan, mean, std, lo, hi, n,
                     bool(n >= 2 and (lo > 0.0 or hi < 0.0))))
    columns = [*KEY, "base_mean", "mean", "diff_mean", "diff_std", "ci_low", "ci_high", "n",
               "significant"]
    return pd.DataFrame(rows, columns=columns).astype({"n": "int64", "significant": bool})


@pytest.mark.parametrize("seed", range(6))
def test_batched_paired_differences_are_bit_identical_to_one_kpi_at_a_time(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    base_rows, other_rows = [], []
    for k in range(50):
        reps = int(rng.integers(1, 41))
        kind = k % 4
        for r in range(reps):
            b = float(rng.normal(5.0, 1.0))
            o = {0: b + float(rng.normal(0.3, 0.5)), 1: b + 2.0, 2: b,
                 3: float(rng.normal(5.0, 1.0)) if rng.random() > 0.2 else math.nan}[kind]
            if rng.random() > 0.1:
                base_rows.append((r, "flow", f"f{k}", "days", b))
            if rng.random() > 0.1:
                other_rows.append((r, "flow", f"f{k}", "days", o))
    cols = ["replication", "scope", "name", "metric", "value"]
    base = pd.DataFrame(base_rows, columns=cols).sample(frac=1.0, random_state=seed)
    other = pd.DataFrame(other_rows, columns=cols).sample(frac=1.0, random_state=seed + 1)
    got, want = paired_differences(base, other), _paired_one_kpi_at_a_time(base, other)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    for col in ("base_mean", "diff_mean", "ci_low", "ci_high"):
        assert got[col].to_numpy().tobytes() == want[col].to_numpy().tobytes()
