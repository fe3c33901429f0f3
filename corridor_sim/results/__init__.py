"""Results layer: pandas tables, KPIs, targets, conservation and export."""

from corridor_sim.results.conservation import ConservationError
from corridor_sim.results.results import Results, build_results

__all__ = ["ConservationError", "Results", "build_results"]
