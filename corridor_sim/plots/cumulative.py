"""Cumulative throughput through the year against the target's pace.

The curves are measured exactly as the targets are (``corridor_sim.results.targets``):
services' cargo by departure time for ``group:`` and ``service:`` scopes, cargo
leaving or delivered at a node for ``node:``, deliveries for flow scopes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from corridor_sim.plots.style import new_figure, scaled, styled
from corridor_sim.results import Results
from corridor_sim.results.naming import metric_label, name_label
from corridor_sim.results.targets import METRIC_UNITS
from corridor_sim.scenario.calendar import HOURS_PER_YEAR, hours_since
from corridor_sim.scenario.schema import Target

CURVE_COLUMNS = ["scenario", "replication", "target", "metric", "scope", "unit", "date", "cumulative",
                 "pace", "target_value"]
THROUGHPUT_METRICS = ("throughput_t", "throughput_teu")


def throughput_events(results: Results, scope: str, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Times (h from the start) and amounts (``column``: ``t`` or ``teu``) counted by ``scope``."""
    kind, _, name = scope.partition(":")
    s, trips, legs, lots = results.scenario, results.trips, results.legs, results.lots
    if kind in ("group", "service"):
        members = [name] if kind == "service" else [
            n for n, svc in s.services.items() if name in svc.groups]
        sel = trips[trips["service"].isin(members)]
        return sel["depart_h"].to_numpy(float), sel[column].to_numpy(float)
    delivered = lots[lots["delivered_h"].notna()]
    if kind == "node":
        out = legs[legs["from_node"] == name]
        last = legs.groupby("lot")["to_node"].last()
        fin = delivered[delivered["lot"].map(last) == name]
        return (np.concatenate([out["depart_h"].to_numpy(float), fin["delivered_h"].to_numpy(float)]),
                np.concatenate([out[column].to_numpy(float), fin[column].to_numpy(float)]))
    if kind == "flow":
        delivered = delivered[delivered["flow"] == name]
    elif kind == "flowgroup":
        members = [n for n, f in s.flows.items() if name in f.groups]
        delivered = delivered[delivered["flow"].isin(members)]
    return delivered["delivered_h"].to_numpy(float), delivered[column].to_numpy(float)


def target_window_h(results: Results, target: Target) -> tuple[float, float]:
    """The hours ``[a, b)`` over which ``target`` is measured (its year within the window)."""
    t0, t1 = results.meta["window_h"]
    if target.year is None:
        return float(t0), float(t1)
    start = results.scenario.run.start
    return (max(hours_since(start, dt.date(target.year, 1, 1)), t0),
            min(hours_since(start, dt.date(target.year + 1, 1, 1)), t1))


def _curve(results: Results, key: str, scope: str, metric: str, a: float, b: float,
           pace_end: float, target_value: float) -> pd.DataFrame:
    times, amounts = throughput_events(results, scope, "t" if metric == "throughput_t" else "teu")
    ends = np.minimum(a + 24.0 * np.arange(1, math.ceil((b - a) / 24.0) + 1), b)
    keep = (times >= a) & (times < b)
    order = np.argsort(times[keep], kind="stable")
    t_sorted, cum = times[keep][order], np.cumsum(amounts[keep][order])
    idx = np.searchsorted(t_sorted, ends, side="left")
    values = np.where(idx > 0, cum[np.maximum(idx - 1, 0)] if len(cum) else 0.0, 0.0)
    start = pd.Timestamp(results.scenario.run.start)
    result: pd.DataFrame = pd.DataFrame({
        "scenario": results.scenario.name, "replication": 0, "target": key, "metric": metric, "scope": scope,
        "unit": METRIC_UNITS[metric], "date": start + pd.to_timedelta(ends, unit="h"),
        "cumulative": values, "pace": pace_end * (ends - a) / (b - a),
        "target_value": target_value})
    return result


def cumulative_curves(results: Results, replication: int = 0) -> pd.DataFrame:
    """Daily cumulative throughput for each throughput target (or each group, if none).

    Parameters
    ----------
    results : Results
        One run.
    replication : int
        Written in the ``replication`` column (to stack several runs).

    Returns
    -------
    DataFrame
        ``scenario, replication, target, metric, scope, unit, date, cumulative, pace, target_value``:
        one row per day of each target's window; ``cumulative`` in t or TEU at the end of
        the day; ``pace`` the straight line that ends on the target (NaN without target).
    """
    parts = []
    for key, target in results.scenario.targets.items():
        if target.metric not in THROUGHPUT_METRICS:
            continue
        a, b = target_window_h(results, target)
        if b <= a:
            continue
        end = target.bound if target.year is not None else target.bound * (b - a) / HOURS_PER_YEAR
        parts.append(_curve(results, key, target.scope, target.metric, a, b, end, target.bound))
    if not parts:
        a, b = map(float, results.meta["window_h"])
        groups = sorted({g for s in results.scenario.services.values() for g in s.groups})
        parts = [_curve(results, f"group:{g}", f"group:{g}", "throughput_t", a, b, math.nan,
                        math.nan) for g in groups]
    if not parts:
        result: pd.DataFrame = pd.DataFrame(columns=CURVE_COLUMNS)
        return result
    result = pd.concat(parts, ignore_index=True).assign(replication=replication)[CURVE_COLUMNS]
    return result


def stack_curves(runs: Results | Sequence[Results] | pd.DataFrame) -> pd.DataFrame:
    """One curve table for one run, several runs (replications), or a ready table."""
    if isinstance(runs, pd.DataFrame):
        return runs
    if isinstance(runs, Results):
        return cumulative_curves(runs)
    return pd.concat([cumulative_curves(r, i) for i, r in enumerate(runs)], ignore_index=True)


def _plot_one(ax: Axes, curves: pd.DataFrame, key: str) -> None:
    c = curves[curves["target"] == key]
    wide = c.pivot_table(index="date", columns="replication", values="cumulative", observed=True)
    unit = str(c["unit"].iloc[0])
    div, shown = scaled(unit, float(np.nanmax(wide.to_numpy())) if wide.size else 0.0)
    n = wide.shape[1]
    mean = wide.mean(axis=1) / div
    ax.plot(wide.index, mean, color="#1f4e79", lw=1.8,
            label="simulated" if n == 1 else f"mean of {n} replications")
    if n > 1:
        ax.fill_between(wide.index, wide.min(axis=1) / div, wide.max(axis=1) / div,
                        color="#1f4e79", alpha=0.2, lw=0, label="range of replications")
    pace = c.groupby("date")["pace"].first()
    if pace.notna().any():
        bound = float(c["target_value"].iloc[0])
        per_year = "" if math.isclose(float(pace.iloc[-1]), bound) else "/yr"
        ax.plot(pace.index, pace / div, color="#c0392b", lw=1.2, ls="--",
                label=f"linear pace to the target ({bound / div:,.3g} {shown}{per_year})")
    scope, metric = str(c["scope"].iloc[0]), str(c["metric"].iloc[0])
    kind, _, name = scope.partition(":")
    what = f"{name_label(name)} ({kind}), {metric_label(metric)}" if name else metric_label(metric)
    ax.set_title(what if key == scope else f"target {key}\n{what}")
    ax.set_xlabel("Date")
    ax.set_ylabel(f"Cumulative throughput ({shown})")
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(True, color="0.9", lw=0.5)
    ax.legend(fontsize=7, loc="upper left")


@styled
def plot_cumulative_throughput(runs: Results | Sequence[Results] | pd.DataFrame) -> Figure:
    """Cumulative throughput through the year against each target's pace.

    Parameters
    ----------
    runs : Results, sequence of Results, or DataFrame
        One run; several replications of one scenario (drawn as their mean with the
        min–max band); or a table from :func:`cumulative_curves` (stacked runs with a
        ``replication`` column).

    Returns
    -------
    matplotlib.figure.Figure
        One axes per throughput target (per edge group when the scenario has no
        throughput target): date against cumulative t or TEU.
    """
    curves = stack_curves(runs)
    keys = list(dict.fromkeys(curves["target"]))
    if not keys:
        raise ValueError("nothing to plot: the scenario has no throughput target and no group")
    ncols = 1 if len(keys) == 1 else 2
    nrows = math.ceil(len(keys) / ncols)
    fig, axes = new_figure(nrows, ncols, (8.0, max(5.0, 2.8 * nrows)))
    for ax, key in zip(axes, keys):
        _plot_one(ax, curves, key)
    for ax in axes[len(keys):]:
        ax.set_visible(False)
    names = ", ".join(dict.fromkeys(map(str, curves["scenario"])))
    fig.suptitle(f"{names}: cumulative throughput against the targets")
    return fig
