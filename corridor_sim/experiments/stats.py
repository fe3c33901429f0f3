"""Statistics over replications: means with t confidence intervals, Wilson intervals.

Every function is pure (numpy/scipy/pandas only) and deterministic: the same
inputs, in the same order, give bit-identical outputs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

SUMMARY_COLUMNS = ["scope", "name", "metric", "mean", "std", "ci_low", "ci_high", "n"]
TARGET_COLUMNS = ["target", "p_met", "ci_low", "ci_high", "n"]
KEY = ["scope", "name", "metric"]


def mean_ci(values: Sequence[float] | np.ndarray,
            level: float = 0.95) -> tuple[float, float, float, float, int]:
    """Mean, sample standard deviation and Student-t confidence interval of the mean.

    NaN values (a KPI undefined in a replication, e.g. the transit time of a flow
    that delivered nothing) are left out; ``n`` counts the values used.

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
    half = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * std / math.sqrt(n)
    return mean, std, mean - half, mean + half, n


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float, float]:
    """Proportion and Wilson score interval for ``successes`` out of ``n`` trials.

    Returns
    -------
    tuple
        ``(p, ci_low, ci_high)``; all NaN when ``n`` is 0.
    """
    if n <= 0:
        return math.nan, math.nan, math.nan
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return p, max(0.0, centre - half), min(1.0, centre + half)


def summarise(long: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per KPI over replications: ``scope, name, metric, mean, std, ci_low, ci_high, n``.

    ``long`` has columns ``replication, scope, name, metric, value``; KPIs keep
    the order in which they first appear.
    """
    rows = []
    for key, group in long.groupby(KEY, sort=False):
        ordered = group.sort_values("replication", kind="stable")["value"].to_numpy()
        rows.append((*key, *mean_ci(ordered, level)))
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
        diff = g["value"].to_numpy() - g["value_base"].to_numpy()
        mean, std, lo, hi, n = mean_ci(diff, level)
        significant = bool(n >= 2 and (lo > 0.0 or hi < 0.0))
        rows.append((*key, _mean(g["value_base"]), _mean(g["value"]), mean, std, lo, hi, n,
                     significant))
    columns = [*KEY, "base_mean", "mean", "diff_mean", "diff_std", "ci_low", "ci_high", "n",
               "significant"]
    result: pd.DataFrame = pd.DataFrame(rows, columns=columns).astype({"n": "int64", "significant": bool})
    return result


def _mean(values: pd.Series) -> float:
    return float(values.mean()) if len(values) else math.nan
