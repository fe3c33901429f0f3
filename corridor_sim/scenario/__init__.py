"""Scenario layer: typed schema, YAML loading with ``extends`` and overrides, validation.

The schema, the calendar and the timeline import no YAML, so the engine may use them;
the loader's names (which need PyYAML) are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from corridor_sim.scenario.distributions import Dist
from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.schema import (
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

if TYPE_CHECKING:
    from corridor_sim.scenario.loader import (
        apply_overrides,
        deep_merge,
        load_scenario,
        scenario_from_dict,
        scenario_hash,
    )

_LOADER = ("apply_overrides", "deep_merge", "load_scenario", "scenario_from_dict", "scenario_hash")

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


def __getattr__(name: str) -> Any:
    if name in _LOADER:
        return getattr(importlib.import_module("corridor_sim.scenario.loader"), name)
    raise AttributeError(f"module 'corridor_sim.scenario' has no attribute {name!r}")
