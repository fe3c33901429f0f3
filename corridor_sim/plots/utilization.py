"""Utilization of berths, yards and fleets over time (7-day rolling means)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from corridor_sim.plots.style import new_figure, styled
from corridor_sim.results import Results

ROLLING_DAYS = 7
TOP_ELEMENTS = 6


def rolling_utilization(daily: pd.DataFrame, key: str, column: str,
                        window_days: int = ROLLING_DAYS) -> pd.DataFrame:
    """Wide table: one column per element, one row per date, ``window_days`` rolling mean.

    Parameters
    ----------
    daily : DataFrame
        ``nodes_daily`` or ``edges_daily`` (a ``date`` column, ``key`` naming the element).
    key : str
        ``"node"`` or ``"service"``.
    column : str
        The utilization column (fraction of capacity, 0–1).
    window_days : int
        Length of the trailing window; the first days average what exists so far.
    """
    wide = daily.pivot_table(index="date", columns=key, values=column, aggfunc="mean",
                             dropna=False, observed=True)
    result: pd.DataFrame = wide.rolling(window_days, min_periods=1).mean()
    return result


def yard_utilization(nodes_daily: pd.DataFrame) -> pd.DataFrame:
    """``nodes_daily`` with ``yard_util``: the fuller of the TEU and tonne yards (0–1)."""
    util = np.fmax(nodes_daily["yard_teu_util"].to_numpy(float),
                   nodes_daily["yard_t_util"].to_numpy(float))
    result: pd.DataFrame = nodes_daily.assign(yard_util=util)
    return result


def _top(wide: pd.DataFrame, n: int, include: Sequence[str] | None) -> pd.DataFrame:
    if include is not None:
        result: pd.DataFrame = wide[[c for c in wide.columns if c in set(include)]]
        return result
    means = wide.mean(axis=0, skipna=True).fillna(0.0)
    keep = means[means > 0].sort_values(ascending=False).index[:n]
    result = wide[list(keep)]
    return result


def _panel(ax: Axes, wide: pd.DataFrame, title: str, warmup_end: pd.Timestamp | None) -> None:
    for name in wide.columns:
        ax.plot(wide.index, 100.0 * wide[name], lw=1.2, label=str(name))
    if warmup_end is not None:
        ax.axvspan(wide.index.min(), warmup_end,  # type: ignore[arg-type]  # dates: matplotlib converts
                   color="0.9", lw=0, zorder=0)
    if wide.shape[1] == 0:
        ax.text(0.5, 0.5, "nothing to show", ha="center", va="center", transform=ax.transAxes)
    ax.set_title(title)
    ax.set_ylabel("Utilization (%)")
    ax.set_ylim(bottom=0)
    ax.grid(True, color="0.9", lw=0.5)
    if wide.shape[1]:
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7)


@styled
def plot_utilization(results: Results, window_days: int = ROLLING_DAYS, top: int = TOP_ELEMENTS,
                     nodes: Sequence[str] | None = None,
                     services: Sequence[str] | None = None) -> Figure:
    """Berth, yard and fleet utilization over the run, as ``window_days`` rolling means.

    Parameters
    ----------
    results : Results
        One run; uses ``nodes_daily`` (``berth_util``, ``yard_teu_util``, ``yard_t_util``)
        and ``edges_daily`` (``fleet_util``), all fractions of capacity per day.
    window_days : int
        Rolling window in days.
    top : int
        Without ``nodes`` / ``services``: show the ``top`` busiest elements per panel.
    nodes, services : sequence of str, optional
        Elements to show instead of the busiest.

    Returns
    -------
    matplotlib.figure.Figure
        Three stacked axes (berths, yards, fleets): date against utilization (%).
        The warm-up period is shaded.
    """
    fig, axes = new_figure(3, 1, (8.0, 7.5), sharex=True)
    nd = yard_utilization(results.nodes_daily)
    berth = _top(rolling_utilization(nd, "node", "berth_util", window_days), top, nodes)
    yard = _top(rolling_utilization(nd, "node", "yard_util", window_days), top, nodes)
    fleet = _top(rolling_utilization(results.edges_daily, "service", "fleet_util", window_days),
                 top, services)
    warm = results.scenario.run.warmup_days
    warmup_end = pd.Timestamp(results.scenario.run.start) + pd.Timedelta(days=warm) if warm else None
    _panel(axes[0], berth, f"Berths and tracks: busy share ({window_days}-day mean)", warmup_end)
    _panel(axes[1], yard, f"Yards: occupancy of capacity ({window_days}-day mean)", warmup_end)
    _panel(axes[2], fleet, f"Fleets: vehicle-hours away ({window_days}-day mean)", warmup_end)
    axes[2].set_xlabel("Date")
    locator = AutoDateLocator()
    axes[2].xaxis.set_major_locator(locator)
    axes[2].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    note = " (warm-up shaded)" if warmup_end is not None else ""
    fig.suptitle(f"{results.scenario.name}: utilization over time{note}")
    return fig
