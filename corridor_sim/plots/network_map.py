"""The network on a longitude/latitude frame: terminals by throughput, links by volume.

Land and sea come from a small shipped Natural Earth 1:110m extract
(:mod:`corridor_sim.plots.basemap`; nothing is downloaded); the frame is plain lon/lat
with an aspect ratio that keeps distances roughly true at the corridor's mean latitude.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from corridor_sim.plots.basemap import draw_land
from corridor_sim.plots.labels import place_labels
from corridor_sim.plots.style import new_figure, scaled, styled
from corridor_sim.results import Results
from corridor_sim.scenario.schema import Scenario
from corridor_sim.scenario.terminal_kinds import TERMINAL_KINDS

UTIL_CMAP = "plasma"
MAX_LINK_WIDTH_PT = 8.0
MIN_LINK_WIDTH_PT = 0.8
MAX_MARKER_AREA_PT2 = 350.0
PARALLEL_OFFSET_DEG = 0.22
_GENERIC_WORDS = {"port", "the", "new", "terminal", "station", "of"}


def short_label(scenario: Scenario, key: str) -> str:
    """A node's display name: the first word of its name ("Aktau port" → "Aktau")."""
    name = scenario.nodes[key].name
    words = name.replace("(", " ").split() if name != key else []
    first = words[0].strip(",;:") if words else ""
    return first if first and first.lower() not in _GENERIC_WORDS else key.replace("_", " ").title()


def link_offsets(scenario: Scenario) -> dict[str, float]:
    """Perpendicular offset (degrees) per service so parallel services stay apart."""
    by_pair: dict[frozenset[str], list[str]] = defaultdict(list)
    for name, svc in scenario.services.items():
        by_pair[frozenset((svc.from_, svc.to))].append(name)
    return {name: (i - (len(names) - 1) / 2.0) * PARALLEL_OFFSET_DEG
            for names in by_pair.values() for i, name in enumerate(sorted(names))}


def _segment(scenario: Scenario, service: str, offset_deg: float) -> tuple[list[float], list[float]]:
    svc = scenario.services[service]
    a, b = scenario.nodes[svc.from_], scenario.nodes[svc.to]
    dx, dy = b.lon - a.lon, b.lat - a.lat
    norm = math.hypot(dx, dy) or 1.0
    ox, oy = -dy / norm * offset_deg, dx / norm * offset_deg
    return [a.lon + ox, b.lon + ox], [a.lat + oy, b.lat + oy]


def _draw_links(ax: Axes, results: Results) -> float:
    """Draw every enabled service; return the largest service throughput (t)."""
    scenario = results.scenario
    svc = results.kpi_table("service")
    top_t = float(svc["throughput_t"].max()) if len(svc) else 0.0
    cmap, norm = colormaps[UTIL_CMAP], Normalize(0.0, 1.0)
    offsets = link_offsets(scenario)
    order = svc.sort_values("throughput_t").index
    for name in order:
        if not scenario.services[str(name)].enabled:
            continue
        xs, ys = _segment(scenario, str(name), offsets[str(name)])
        t = float(svc.loc[name, "throughput_t"])
        if t <= 0:
            ax.plot(xs, ys, color="0.6", lw=MIN_LINK_WIDTH_PT, ls=(0, (2, 2)), zorder=1)
            continue
        width = MIN_LINK_WIDTH_PT + (MAX_LINK_WIDTH_PT - MIN_LINK_WIDTH_PT) * t / top_t
        color = cmap(norm(float(svc.loc[name, "fleet_utilization"])))
        ax.plot(xs, ys, color=color, lw=width, solid_capstyle="round", zorder=2, alpha=0.9)
    return top_t


def _node_throughput(results: Results) -> dict[str, float]:
    return {str(k): float(v) for k, v in results.kpi_table("node")["throughput_t"].items()}


def _draw_nodes(ax: Axes, results: Results) -> float:
    """Draw terminals sized by throughput; return the largest node throughput (t)."""
    through = _node_throughput(results)
    top_t = max([*through.values(), 1e-9])
    for key, node in results.scenario.nodes.items():
        t = through.get(key, 0.0)
        area = _marker_area(t, top_t)
        ax.scatter([node.lon], [node.lat], s=area, marker=TERMINAL_KINDS[node.kind].marker,
                   facecolor="white" if t == 0 else "#1f4e79", edgecolor="black",
                   linewidth=0.7, zorder=3)
    return top_t


def _label_nodes(ax: Axes, results: Results) -> None:
    """Label the nodes, busiest first, each where it overlaps no marker or earlier label."""
    through = _node_throughput(results)
    s = results.scenario
    order = sorted(s.nodes, key=lambda k: -through.get(k, 0.0))
    top_t = max([*through.values(), 1e-9])
    radii = [math.sqrt(_marker_area(through.get(k, 0.0), top_t)) / 2.0 for k in order]
    place_labels(ax, [(s.nodes[k].lon, s.nodes[k].lat, short_label(s, k)) for k in order],
                 radii_pt=radii)


def _marker_area(t: float, top_t: float) -> float:
    """Marker area (pt²) of a terminal that handled ``t`` tonnes (``top_t`` the busiest)."""
    return 12.0 + MAX_MARKER_AREA_PT2 * t / top_t


def _legends(ax: Axes, fig: Figure, top_link_t: float, top_node_t: float) -> None:
    div, unit = scaled("t", max(top_link_t, top_node_t))
    handles = [Line2D([], [], color="0.3", lw=MIN_LINK_WIDTH_PT + (MAX_LINK_WIDTH_PT - MIN_LINK_WIDTH_PT)
                      * f, label=f"link {top_link_t * f / div:,.2g} {unit}") for f in (0.25, 1.0)]
    handles += [Line2D([], [], ls="", marker="o", markerfacecolor="#1f4e79", markeredgecolor="black",
                       markersize=math.sqrt(12.0 + MAX_MARKER_AREA_PT2 * f),
                       label=f"terminal {top_node_t * f / div:,.2g} {unit}") for f in (0.25, 1.0)]
    handles += [Line2D([], [], ls="", marker=k.marker, markerfacecolor="white",
                       markeredgecolor="black", label=k.label) for k in TERMINAL_KINDS.values()]
    handles.append(Line2D([], [], color="0.6", ls=(0, (2, 2)), label="service unused"))
    ax.legend(handles=handles, loc="lower right", fontsize=6.5, framealpha=0.85, ncol=2,
              labelspacing=1.0, borderpad=0.6, markerscale=0.8)
    bar = fig.colorbar(ScalarMappable(Normalize(0.0, 100.0), colormaps[UTIL_CMAP]), ax=ax,
                       shrink=0.8, pad=0.01)
    bar.set_label("Fleet utilization of the link (%)", fontsize=8)


@styled
def plot_network_map(results: Results, labels: bool = True) -> Figure:
    """Map of the network: terminals sized by throughput, links by volume and utilization.

    Parameters
    ----------
    results : Results
        One run (``simulate``). Throughputs are tonnes (all cargo classes) over the
        measurement window; link colour is the service's ``fleet_utilization`` KPI
        (share of vehicle-hours away from the home terminal).
    labels : bool
        Write each node's short name beside it.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: longitude (°E) against latitude (°N).
    """
    fig, (ax,) = new_figure()
    draw_land(ax)
    top_link = _draw_links(ax, results)
    top_node = _draw_nodes(ax, results)
    _legends(ax, fig, top_link, top_node)
    lats = np.array([n.lat for n in results.scenario.nodes.values()])
    lons = np.array([n.lon for n in results.scenario.nodes.values()])
    # the frame: the nodes with a margin (the land polygons reach further and do not count)
    ax.update_datalim([(lons.min() - 3.0, lats.min() - 5.0), (lons.max() + 3.0, lats.max() + 3.0)])
    ax.autoscale_view()
    ax.set_aspect(1.0 / max(math.cos(math.radians(float(lats.mean()))), 0.2), adjustable="datalim")
    ax.grid(True, color="white", lw=0.5, zorder=0.5)
    window_days = (results.meta["window_h"][1] - results.meta["window_h"][0]) / 24.0
    ax.set_title(f"{results.scenario.name}: throughput of terminals and links "
                 f"({window_days:.0f}-day window)")
    ax.set_xlabel("Longitude (°E)")
    ax.set_ylabel("Latitude (°N)")
    if labels:
        _label_nodes(ax, results)
    return fig
