"""Scenario layer: typed schema, YAML loading with ``extends`` and overrides, validation."""

from corridor_sim.scenario.distributions import Dist
from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.loader import (
    apply_overrides,
    deep_merge,
    load_scenario,
    scenario_from_dict,
    scenario_hash,
)
from corridor_sim.scenario.models import (
    CARGO_CLASSES,
    Fleet,
    Flow,
    Node,
    Run,
    Scenario,
    Service,
    Target,
    WeatherZone,
)

__all__ = [
    "CARGO_CLASSES",
    "Dist",
    "Fleet",
    "Flow",
    "Node",
    "Problem",
    "Run",
    "Scenario",
    "ScenarioError",
    "Service",
    "Target",
    "WeatherZone",
    "apply_overrides",
    "deep_merge",
    "load_scenario",
    "scenario_from_dict",
    "scenario_hash",
]
