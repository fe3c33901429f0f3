"""Scenario comparison: one bar per scenario and metric, with its confidence interval."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from corridor_sim.plots.style import new_figure, scaled, styled, unit_of
from corridor_sim.results.naming import metric_label

REQUIRED_COLUMNS = ("scenario", "metric", "mean", "ci_low", "ci_high")
_COLORS = ("#1f4e79", "#c0392b", "#27865f", "#b9770e", "#6c3483", "#5d6d7e")


def _check(table: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"comparison table lacks columns {missing}; it needs {list(REQUIRED_COLUMNS)}")
    if table.empty:
        raise ValueError("comparison table is empty")
    dup = table.duplicated(["scenario", "metric"])
    if dup.any():
        first = table[dup].iloc[0]
        raise ValueError(f"comparison table has several rows for scenario {first['scenario']!r} "
                         f"and metric {first['metric']!r}; give each metric a distinct name")


def _unit(table: pd.DataFrame, metric: str, units: Mapping[str, str] | None) -> str:
    if units and metric in units:
        return units[metric]
    if "unit" in table.columns:
        given = table.loc[table["metric"] == metric, "unit"].dropna()
        if len(given):
            return str(given.iloc[0])
    return unit_of(metric)


def short_number(v: float) -> str:
    """A bar label: thousands separated above 1000, three significant digits below."""
    if not math.isfinite(v):
        return "–"
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def _bars(ax: Axes, rows: pd.DataFrame, metric: str, unit: str, order: list[str],
          colors: dict[str, str], show_names: bool) -> None:
    top = float(np.nanmax(np.abs(rows[["mean", "ci_high"]].to_numpy(float))))
    div, shown = scaled(unit, top if math.isfinite(top) else 0.0)
    mean = rows["mean"].to_numpy(float) / div
    low = rows["ci_low"].to_numpy(float) / div
    high = rows["ci_high"].to_numpy(float) / div
    # Clipped at zero: a bound may sit a rounding error inside the mean (Wilson at p = 0 or 1).
    err = np.clip(np.vstack([np.nan_to_num(mean - low), np.nan_to_num(high - mean)]), 0.0, None)
    y = np.array([order.index(str(s)) for s in rows["scenario"]])
    ax.barh(y, mean, color=[colors[str(s)] for s in rows["scenario"]], alpha=0.85, height=0.6)
    ax.errorbar(mean, y, xerr=err, fmt="none", ecolor="black", capsize=3, lw=1.0)
    for yi, m, hi in zip(y, mean, np.fmax(mean, np.nan_to_num(high, nan=-np.inf))):
        ax.annotate(short_number(m), (hi, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=7)
    ax.set_yticks(np.arange(len(order)), order if show_names else [""] * len(order))
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.margins(x=0.15)
    label = metric_label(metric)
    ax.set_title(label)
    bare = label.rsplit(" (", 1)[0] if label.endswith(")") and not label.startswith("P(") else label
    ax.set_xlabel(f"{bare} ({shown})" if shown else label)
    if show_names:
        ax.set_ylabel("Scenario")
    ax.grid(True, axis="x", color="0.9", lw=0.5)


@styled
def plot_scenario_comparison(table: pd.DataFrame, units: Mapping[str, str] | None = None,
                             title: str = "Scenario comparison") -> Figure:
    """Bars of each metric's mean per scenario with its interval ``[ci_low, ci_high]``.

    Parameters
    ----------
    table : DataFrame
        Tidy: ``scenario, metric, mean, ci_low, ci_high`` (and optionally ``unit``), e.g.
        an experiment's summary rows labelled by scenario. A NaN interval (one
        replication) draws no error bar.
    units : mapping of metric to unit, optional
        Units for the axis labels; by default the ``unit`` column or the metric's name
        (``throughput_t`` → t, ``cost_usd_per_teu`` → USD/TEU, ``p_met`` → probability).
    title : str
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per metric: horizontal bars, scenarios from the top in the order
        they first appear, each in the same colour on every axes; the value on x.
    """
    _check(table)
    metrics = list(dict.fromkeys(map(str, table["metric"])))
    scenarios = list(dict.fromkeys(map(str, table["scenario"])))
    colors = {name: _COLORS[i % len(_COLORS)] for i, name in enumerate(scenarios)}
    ncols = 2 if len(metrics) in (2, 4) else min(len(metrics), 3)
    nrows = math.ceil(len(metrics) / ncols)
    height_in = max(5.0, nrows * (0.3 * len(scenarios) + 1.4) + 0.5)
    fig, axes = new_figure(nrows, ncols, (8.0, height_in))
    for k, (ax, metric) in enumerate(zip(axes, metrics)):
        rows = table[table["metric"] == metric]
        _bars(ax, rows, metric, _unit(table, metric, units), scenarios, colors, k % ncols == 0)
    for ax in axes[len(metrics):]:
        ax.set_visible(False)
    fig.suptitle(f"{title} (bars: mean; whiskers: confidence interval)")
    return fig
