"""Figures (matplotlib ``Figure`` objects, no pyplot state) and GeoJSON export of a run.

Every figure function takes Results (or tidy DataFrames) and returns a Figure
with a title and axis labels carrying units, legible at 8 × 5 in and 100–150 dpi.
"""

from corridor_sim.plots.comparison import plot_scenario_comparison
from corridor_sim.plots.cumulative import cumulative_curves, plot_cumulative_throughput
from corridor_sim.plots.figures import FIGURE_NAMES, standard_figures, write_figures
from corridor_sim.plots.geojson import network_geojson, write_geojson
from corridor_sim.plots.network_map import plot_network_map
from corridor_sim.plots.transit import plot_transit_times
from corridor_sim.plots.utilization import plot_utilization

__all__ = [
    "FIGURE_NAMES",
    "cumulative_curves",
    "network_geojson",
    "plot_cumulative_throughput",
    "plot_network_map",
    "plot_scenario_comparison",
    "plot_transit_times",
    "plot_utilization",
    "standard_figures",
    "write_figures",
    "write_geojson",
]
