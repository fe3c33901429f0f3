"""corridor-sim: a discrete-event simulator of the Middle Corridor (TITR).

Public API::

    from corridor_sim import load_scenario, simulate
    scenario = load_scenario("scenarios/target_2025.yaml", overrides=["run.seed=3"])
    results = simulate(scenario, seed=1)
    results.kpis, results.targets, results.lots

Names are imported lazily so that the command line starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_LAZY = {
    "load_scenario": "corridor_sim.scenario",
    "Scenario": "corridor_sim.scenario",
    "ScenarioError": "corridor_sim.scenario",
    "simulate": "corridor_sim.api",
    "Results": "corridor_sim.results",
    "ConservationError": "corridor_sim.results",
    "run_experiment": "corridor_sim.experiments",
    "run_sweep": "corridor_sim.experiments",
    "compare_scenarios": "corridor_sim.experiments",
    "equilibrate": "corridor_sim.experiments.assignment",
    "compare_choice": "corridor_sim.experiments.choice_compare",
    "ExperimentResults": "corridor_sim.experiments",
    "plot_network_map": "corridor_sim.plots",
    "plot_cumulative_throughput": "corridor_sim.plots",
    "plot_utilization": "corridor_sim.plots",
    "plot_transit_times": "corridor_sim.plots",
    "plot_scenario_comparison": "corridor_sim.plots",
    "standard_figures": "corridor_sim.plots",
    "network_geojson": "corridor_sim.plots",
    "write_report": "corridor_sim.report",
    "capacity_bounds": "corridor_sim.capacity",
    "plan_expansions": "corridor_sim.capacity",
}

__all__ = [*_LAZY, "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from corridor_sim.api import simulate  # noqa: F401
    from corridor_sim.capacity import capacity_bounds, plan_expansions  # noqa: F401
    from corridor_sim.experiments import (  # noqa: F401
        ExperimentResults,
        compare_scenarios,
        run_experiment,
        run_sweep,
    )
    from corridor_sim.experiments.assignment import equilibrate  # noqa: F401
    from corridor_sim.experiments.choice_compare import compare_choice  # noqa: F401
    from corridor_sim.results import ConservationError, Results  # noqa: F401
    from corridor_sim.scenario import Scenario, ScenarioError, load_scenario  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'corridor_sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
