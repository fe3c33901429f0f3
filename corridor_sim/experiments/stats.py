"""Statistics over replications: t intervals of means, Wilson intervals, paired differences (scipy).

Every function is pure (numpy/scipy/pandas only) and deterministic: the same
inputs, in the same order, give bit-identical outputs.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

SUMMARY_COLUMNS = ["scope", "name", "metric", "mean", "std", "ci_low", "ci_high", "n"]
TARGET_COLUMNS = ["target", "p_met", "ci_low", "ci_high", "n"]
KEY = ["scope", "name", "metric"]
FRACTION_WORDS = ("util", "load_factor", "share", "fraction")
Row = tuple[float, float, float, float, int]
"""One KPI's ``mean, std, ci_low, ci_high, n``."""


def mean_ci(values: Sequence[float] | np.ndarray,
            level: float = 0.95) -> Row:
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
              level: float = 0.95) -> Row:
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

    The result is, bit for bit, :func:`mean_ci` of each KPI's values in replication
    order; KPIs with the same number of values and none missing are computed
    together, as rows of one array (scipy's ``ttest_1samp`` along an axis), which
    gives the same numbers as one call per KPI in a fraction of the time.
    """
    keys, values = kpi_values(long)
    stats_rows = mean_ci_rows(values, level)
    rows = [(*key, mean, std, *clip_interval(str(key[2]), lo, hi), n)
            for key, (mean, std, lo, hi, n) in zip(keys, stats_rows, strict=True)]
    result: pd.DataFrame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype({"n": "int64"})
    return result


def kpi_values(long: pd.DataFrame) -> tuple[list[tuple[object, ...]], list[np.ndarray]]:
    """Each KPI's key (in order of first appearance) and its values in replication order.

    The order within a KPI is a stable sort by replication, as
    ``group.sort_values("replication", kind="stable")`` gives it.
    """
    keys, split = _kpi_split(long)
    return keys, split("value")


def _kpi_split(long: pd.DataFrame) -> tuple[list[tuple[object, ...]],
                                            Callable[[str], list[np.ndarray]]]:
    """Each KPI's key, and a function giving a column's values per KPI in replication order.

    The KPIs and their order are found once; every column is then cut the same way.
    """
    if not len(long):
        return [], lambda column: []
    codes = long.groupby(KEY, sort=False).ngroup().to_numpy()
    order = np.lexsort((long["replication"].to_numpy(), codes))  # stable: ties keep row order
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    _, first = np.unique(codes, return_index=True)
    keys = list(long[KEY].iloc[first].itertuples(index=False, name=None))

    def split(column: str) -> list[np.ndarray]:
        return np.split(long[column].to_numpy(dtype=float)[order], cuts)

    return keys, split


def _batched(count: int, batch_size: Callable[[int], int | None], single: Callable[[int], Row],
             batch: Callable[[list[int]], list[Row | None]]) -> list[Row]:
    """Rows of items ``0 .. count - 1``: those of one ``batch_size`` computed together.

    ``batch_size(i)`` is the item's size, or None where it must be computed alone by
    ``single(i)``; ``batch(indices)`` gives the rows of items of one size, None for an
    item it leaves to ``single``. Rows come back in item order.
    """
    out: list[Row | None] = [None] * count
    by_size: dict[int, list[int]] = {}
    for i in range(count):
        size = batch_size(i)
        if size is None:
            out[i] = single(i)
        else:
            by_size.setdefault(size, []).append(i)
    for idx in by_size.values():
        for i, row in zip(idx, batch(idx), strict=True):
            out[i] = row if row is not None else single(i)
    return [row for row in out if row is not None]


def mean_ci_rows(values: Sequence[np.ndarray], level: float = 0.95) -> list[Row]:
    """:func:`mean_ci` of each array, the arrays of one length without NaN as one batch."""
    def size(i: int) -> int | None:
        x = values[i]
        return int(x.size) if x.size >= 2 and not np.isnan(x).any() else None

    return _batched(len(values), size, lambda i: mean_ci(values[i], level),
                    lambda idx: _batch_mean_ci(np.stack([values[i] for i in idx]), level))


def _batch_mean_ci(x: np.ndarray, level: float) -> list[Row | None]:
    """Rows of ``x`` (no NaN, two columns or more): mean_ci per row; None where std is 0."""
    mean = x.mean(axis=1)
    std = x.std(axis=1, ddof=1)
    spread = std != 0.0
    rows: list[Row | None] = [None] * len(x)
    if spread.any():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            ci = stats.ttest_1samp(x[spread], 0.0, axis=1).confidence_interval(
                confidence_level=level)
        n = int(x.shape[1])
        for j, i in enumerate(np.flatnonzero(spread)):
            rows[i] = (float(mean[i]), float(std[i]), float(ci.low[j]), float(ci.high[j]), n)
    return rows


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
        n, significant``; significant means the interval excludes zero. Bit for bit
        :func:`paired_ci` per KPI in replication order; KPIs of one size are computed
        together as in :func:`summarise`.
    """
    cols = ["replication", *KEY, "value"]
    both = base[cols].merge(other[cols], on=["replication", *KEY], suffixes=("_base", ""))
    keys, pairs = _kpi_pairs(both)
    rows = []
    for key, (b, o), (mean, std, lo, hi, n) in zip(keys, pairs, paired_ci_rows(pairs, level),
                                                   strict=True):
        significant = bool(n >= 2 and (lo > 0.0 or hi < 0.0))
        rows.append((*key, _mean(b), _mean(o), mean, std, lo, hi, n, significant))
    columns = [*KEY, "base_mean", "mean", "diff_mean", "diff_std", "ci_low", "ci_high", "n",
               "significant"]
    result: pd.DataFrame = pd.DataFrame(rows, columns=columns).astype({"n": "int64", "significant": bool})
    return result


def _kpi_pairs(both: pd.DataFrame) -> tuple[list[tuple[object, ...]],
                                            list[tuple[np.ndarray, np.ndarray]]]:
    """Per KPI: (base, other) values in replication order where both are known."""
    keys, split = _kpi_split(both)
    pairs = []
    for b, o in zip(split("value_base"), split("value"), strict=True):
        ok = ~(np.isnan(b) | np.isnan(o))
        pairs.append((b[ok], o[ok]))
    return keys, pairs


def paired_ci_rows(pairs: Sequence[tuple[np.ndarray, np.ndarray]],
                   level: float = 0.95) -> list[Row]:
    """:func:`paired_ci` of each (base, other) pair, pairs of one length as one batch."""
    def size(i: int) -> int | None:
        b, o = pairs[i]
        return int(b.size) if b.size >= 2 and float((o - b).std(ddof=1)) != 0.0 else None

    def batch(idx: list[int]) -> list[Row | None]:
        return list(_batch_paired_ci(np.stack([pairs[i][0] for i in idx]),
                                     np.stack([pairs[i][1] for i in idx]), level))

    return _batched(len(pairs), size, lambda i: paired_ci(pairs[i][1], pairs[i][0], level), batch)


def _batch_paired_ci(b: np.ndarray, o: np.ndarray, level: float) -> list[Row]:
    """Rows of paired ``(b, o)`` (two columns or more, every row's differences spread):
    :func:`paired_ci` per row."""
    diff = o - b
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ci = stats.ttest_rel(o, b, axis=1).confidence_interval(confidence_level=level)
    mean, std = diff.mean(axis=1), diff.std(axis=1, ddof=1)
    n = int(b.shape[1])
    return [(float(mean[j]), float(std[j]), float(ci.low[j]), float(ci.high[j]), n)
            for j in range(len(b))]


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else math.nan
