"""The standard set of figures of one run, and writing them as PNG and SVG."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from matplotlib.figure import Figure

from corridor_sim.plots.cumulative import cumulative_curves, plot_cumulative_throughput
from corridor_sim.plots.network_map import plot_network_map
from corridor_sim.plots.style import REPORT_DPI, save_figures
from corridor_sim.plots.transit import plot_transit_times
from corridor_sim.plots.utilization import plot_utilization
from corridor_sim.results import Results

FIGURE_NAMES = ("network_map", "cumulative_throughput", "utilization", "transit_times")


def standard_figures(results: Results | Sequence[Results]) -> dict[str, Figure]:
    """The figures of a run, by file name (without extension).

    Parameters
    ----------
    results : Results or sequence of Results
        One run, or replications of one scenario: the cumulative-throughput figure
        then shows their band; the others show the first run.

    Returns
    -------
    dict of str to Figure
        ``network_map``, ``cumulative_throughput`` (left out when the scenario has no
        throughput target and no edge group), ``utilization``, ``transit_times``.
    """
    runs = [results] if isinstance(results, Results) else list(results)
    if not runs:
        raise ValueError("standard_figures needs at least one Results")
    first = runs[0]
    figures = {"network_map": plot_network_map(first)}
    if not cumulative_curves(first).empty:
        figures["cumulative_throughput"] = plot_cumulative_throughput(runs)
    figures["utilization"] = plot_utilization(first)
    figures["transit_times"] = plot_transit_times(first)
    return figures


def write_figures(results: Results | Sequence[Results], directory: Path,
                  formats: Sequence[str] = ("png", "svg"), dpi: int = REPORT_DPI) -> list[Path]:
    """Draw :func:`standard_figures` and write each as ``<name>.<format>`` in ``directory``.

    Returns
    -------
    list of Path
        The files written, figure by figure.
    """
    return save_figures(standard_figures(results), Path(directory), formats, dpi)
