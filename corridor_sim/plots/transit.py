"""Transit-time distributions per flow (violins or histograms, in days)."""

from __future__ import annotations

from typing import Any, Literal

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from corridor_sim.plots.style import new_figure, styled
from corridor_sim.results import Results
from corridor_sim.results.kpis import in_window

HIST_BINS = 40
_MPL_VERSION = tuple(int(p) for p in matplotlib.__version__.split(".")[:2])
# ``vert`` is deprecated from matplotlib 3.10 in favour of ``orientation``.
_HORIZONTAL: dict[str, Any] = ({"orientation": "horizontal"} if _MPL_VERSION >= (3, 10)
                               else {"vert": False})


def delivered_transit_days(results: Results) -> dict[str, np.ndarray]:
    """Per flow (scenario order), the transit days of lots delivered in the window."""
    t0, t1 = results.meta["window_h"]
    lots = results.lots
    done = lots[in_window(lots["delivered_h"], t0, t1)]
    by_flow = {str(f): g["transit_days"].to_numpy(float) for f, g in done.groupby("flow", observed=True)}
    return {f: by_flow[f] for f in results.scenario.flows if f in by_flow}


def _violins(ax: Axes, days: dict[str, np.ndarray]) -> None:
    names = list(days)
    positions = np.arange(1, len(names) + 1)
    spread = [i for i, n in enumerate(names) if np.ptp(days[n]) > 0]
    if spread:
        parts = ax.violinplot([days[names[i]] for i in spread], positions=positions[spread],
                              widths=0.8, showextrema=False, **_HORIZONTAL)
        for body in parts["bodies"]:  # type: ignore[attr-defined]  # a list of PolyCollections
            body.set_facecolor("#1f4e79")
            body.set_alpha(0.35)
    means = [float(np.mean(days[n])) for n in names]
    p95 = [float(np.quantile(days[n], 0.95)) for n in names]
    ax.scatter(means, positions, color="#1f4e79", s=18, zorder=3)
    ax.scatter(p95, positions, color="#c0392b", marker="|", s=120, zorder=3)
    ax.set_yticks(positions, [f"{n}\n({len(days[n]):,} lots)" for n in names])
    ax.invert_yaxis()
    ax.legend(handles=[
        Line2D([], [], ls="", marker="o", color="#1f4e79", label="mean"),
        Line2D([], [], ls="", marker="|", color="#c0392b", markersize=10, label="95th percentile"),
    ], loc="lower right", fontsize=7)
    ax.set_ylabel("Flow")


def _histograms(ax: Axes, days: dict[str, np.ndarray]) -> None:
    values = np.concatenate(list(days.values()))
    bins = np.histogram_bin_edges(values, bins=HIST_BINS)
    for name, d in days.items():
        ax.hist(d, bins=bins.tolist(), histtype="step", lw=1.4, label=f"{name} ({len(d):,} lots)")
    ax.set_ylabel("Lots delivered (count)")
    ax.legend(fontsize=7)


@styled
def plot_transit_times(results: Results, kind: Literal["violin", "hist"] = "violin") -> Figure:
    """Distribution of door-to-door transit time (days) of the lots each flow delivered.

    Parameters
    ----------
    results : Results
        One run; lots delivered within the measurement window count (one value per lot).
    kind : {"violin", "hist"}
        Violins with mean and 95th percentile per flow, or overlaid step histograms.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: transit time (days) on x.
    """
    if kind not in ("violin", "hist"):
        raise ValueError(f"kind must be 'violin' or 'hist', got {kind!r}")
    days = delivered_transit_days(results)
    height = max(5.0, 0.45 * len(days) + 1.5) if kind == "violin" else 5.0
    fig, (ax,) = new_figure(size_in=(8.0, height))
    if not days:
        ax.text(0.5, 0.5, "no lot was delivered in the window", ha="center", va="center",
                transform=ax.transAxes)
    elif kind == "violin":
        _violins(ax, days)
    else:
        _histograms(ax, days)
    ax.set_xlabel("Transit time, creation to delivery (days)")
    ax.set_xlim(left=0)
    ax.grid(True, axis="x", color="0.9", lw=0.5)
    ax.set_title(f"{results.scenario.name}: transit time per flow (lots delivered in the window)")
    return fig

