"""Statistics over replications: t intervals of means, Wilson intervals, paired differences (scipy).

Every function is pure (numpy/scipy/pandas only) and deterministic: the same
inputs, in the same order, give bit-identical outputs.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

SUMMARY_COLUMNS = ["scope", "name", "metric", "mean", "std", "ci_low", "ci_high", "n"]
TARGET_COLUMNS = ["target", "p_met", "ci_low", "ci_high", "n"]
KEY = ["scope", "name", "metric"]
FRACTION_WORDS = ("util", "load_factor", "share", "fraction")


def mean_ci(values: Sequence[float] | np.ndarray,
            level: float = 0.95) -> tuple[float, float, float, float, int]:
    """Mean, sample standard deviation and Student-t confidence interval of the mean.

    NaN values (a KPI undefined in a replication, e.g. the transit time of a flow
    that delivered nothing) are left out; ``n`` counts the values used. The
    interval is scipy's (``ttest_1samp(...).confidence_interval``).

    Parameters
    ----------
    values : sequence of float
        One value per replication, in the KPI's own unit.
    level : float
        Confidence level of the two-sided interval (0.95 for 95 %).

    Returns
    -------
    tuple
        ``(mean, std, ci_low, ci_high, n)``; std and the interval are NaN if n < 2.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = int(x.size)
    if n == 0:
        return math.nan, math.nan, math.nan, math.nan, 0
    mean = float(x.mean())
    if n < 2:
        return mean, math.nan, math.nan, math.nan, n
    std = float(x.std(ddof=1))
    if std == 0.0:  # identical values: scipy warns about precision; the interval is the point
        return mean, 0.0, mean, mean, n
    with warnings.catch_warnings():  # nearly identical values: scipy warns, the interval holds
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_1samp(x, 0.0).confidence_interval(confidence_level=level)
    return mean, std, float(ci.low), float(ci.high), n


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float, float]:
    """Proportion and Wilson score interval for ``successes`` out of ``n`` trials.

    scipy's ``binomtest(successes, n).proportion_ci(level, method="wilson")``.

    Returns
    -------
    tuple
        ``(p, ci_low, ci_high)``; all NaN when ``n`` is 0.
    """
    if n <= 0:
        return math.nan, math.nan, math.nan
    ci = stats.binomtest(successes, n).proportion_ci(confidence_level=level, method="wilson")
    return successes / n, max(0.0, float(ci.low)), min(1.0, float(ci.high))


def paired_ci(other: np.ndarray, base: np.ndarray,
              level: float = 0.95) -> tuple[float, float, float, float, int]:
    """Mean difference ``other - base`` (paired), its std and scipy's ``ttest_rel`` interval."""
    diff = other - base
    n = int(diff.size)
    if n < 2 or float(diff.std(ddof=1)) == 0.0:
        return mean_ci(diff, level)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_rel(other, base).confidence_interval(confidence_level=level)
    return float(diff.mean()), float(diff.std(ddof=1)), float(ci.low), float(ci.high), n


def kpi_range(metric: str) -> tuple[float, float]:
    """The values a KPI can take: fractions in [0, 1], every other KPI non-negative.

    Utilizations, load factors and shares are fractions; volumes, days, hours,
    costs, trips and emissions cannot be negative.
    """
    if any(word in metric for word in FRACTION_WORDS):
        return 0.0, 1.0
    return 0.0, math.inf


def clip_interval(metric: str, low: float, high: float) -> tuple[float, float]:
    """``[low, high]`` clipped to :func:`kpi_range` (a t interval knows no bounds)."""
    lo_bound, hi_bound = kpi_range(metric)
    return float(np.clip(low, lo_bound, hi_bound)), float(np.clip(high, lo_bound, hi_bound))


def summarise(long: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per KPI over replications: ``scope, name, metric, mean, std, ci_low, ci_high, n``.

    ``long`` has columns ``replication, scope, name, metric, value``; KPIs keep
    the order in which they first appear. Intervals are clipped to the values the
    KPI can take (:func:`kpi_range`): no negative days or shares above 1.
    """
    rows = []
    for key, group in long.groupby(KEY, sort=False):
        ordered = group.sort_values("replication", kind="stable")["value"].to_numpy()
        mean, std, lo, hi, n = mean_ci(ordered, level)
        rows.append((*key, mean, std, *clip_interval(str(key[2]), lo, hi), n))
    result: pd.DataFrame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"n": "int64"})
    return result


def target_probabilities(met: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Probability that each target is met, with its Wilson interval.

    ``met`` has columns ``replication, target, met`` (bool).
    """
    rows = []
    for target, group in met.groupby("target", sort=False):
        k, n = int(group["met"].sum()), len(group)
        rows.append((target, *wilson(k, n, level), n))
    result: pd.DataFrame = pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({"n": "int64"})
    return result


def paired_differences(base: pd.DataFrame, other: pd.DataFrame,
                       level: float = 0.95) -> pd.DataFrame:
    """Differences ``other - base`` per KPI, paired by replication (common random numbers).

    Parameters
    ----------
    base, other : DataFrame
        Long tables ``replication, scope, name, metric, value`` run with the
        same replication seeds. Only KPIs and replications present in both count.

    Returns
    -------
    DataFrame
        ``scope, name, metric, base_mean, mean, diff_mean, diff_std, ci_low, ci_high,
        n, significant``; significant means the interval excludes zero.
    """
    cols = ["replication", *KEY, "value"]
    both = base[cols].merge(other[cols], on=["replication", *KEY], suffixes=("_base", ""))
    rows = []
    for key, g in both.groupby(KEY, sort=False):
        g = g.sort_values("replication", kind="stable")
        ok = g[["value_base", "value"]].notna().all(axis=1)
        g = g[ok]
        mean, std, lo, hi, n = paired_ci(g["value"].to_numpy(float), g["value_base"].to_numpy(float),
                                         level)
        significant = bool(n >= 2 and (lo > 0.0 or hi < 0.0))
        rows.append((*key, _mean(g["value_base"]), _mean(g["value"]), mean, std, lo, hi, n,
                     significant))
    columns = [*KEY, "base_mean", "mean", "diff_mean", "diff_std", "ci_low", "ci_high", "n",
               "significant"]
    result: pd.DataFrame = pd.DataFrame(rows, columns=columns).astype({"n": "int64", "significant": bool})
    return result


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else math.nan
