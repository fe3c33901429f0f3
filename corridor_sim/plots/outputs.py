"""Extra files of a run's output directory: figures (PNG, SVG) and the GeoJSON network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corridor_sim.results import Results

FIGURES_DIR = "figures"
GEOJSON_FILE = "network.geojson"


def run_extras(results: Results, plots: bool = False,
               geojson: bool = False) -> Callable[[Path], None] | None:
    """A ``write_results(extra=...)`` hook writing the requested files, or None if none.

    Parameters
    ----------
    results : Results
        The run being written.
    plots : bool
        Write the standard figures as ``figures/<name>.png`` and ``.svg``.
    geojson : bool
        Write ``network.geojson`` (terminals and services with their KPIs).
    """
    if not (plots or geojson):
        return None

    def extra(directory: Path) -> None:
        if plots:
            from corridor_sim.plots.figures import write_figures
            write_figures(results, directory / FIGURES_DIR)
        if geojson:
            from corridor_sim.plots.geojson import write_geojson
            write_geojson(results, directory / GEOJSON_FILE)
    return extra
