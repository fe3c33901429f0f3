"""Set calibration parameters in a scenario (a validated copy; the original is untouched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corridor_sim.calibration.spec import Parameter
from corridor_sim.scenario import Scenario, scenario_from_dict
from corridor_sim.scenario.timeline import get_path, set_path


def scenario_document(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a plain mapping that validates back to an equal scenario."""
    return scenario.model_dump(mode="json", by_alias=True)


def overrides_for(parameters: Sequence[Parameter], values: Sequence[float]) -> dict[str, float]:
    """Dotted path → value for ``values`` of ``parameters``, in order."""
    if len(parameters) != len(values):
        raise ValueError(f"{len(parameters)} parameters but {len(values)} values")
    out: dict[str, float] = {}
    for p, x in zip(parameters, values):
        out.update(p.assignments(x))
    return out


def current_values(scenario: Scenario, parameters: Sequence[Parameter]) -> list[float]:
    """The value each parameter has in ``scenario`` (read from its first path)."""
    document = scenario_document(scenario)
    out = []
    for p in parameters:
        if p.set:
            out.append(float(get_path(document, p.set[0])))
        elif p.scale:
            path, base = p.scale[0]
            out.append(float(get_path(document, path)) / base)
        else:
            out.append(1.0 - float(get_path(document, p.complement[0])))
    return out


def with_parameters(scenario: Scenario, parameters: Sequence[Parameter],
                    values: Sequence[float]) -> Scenario:
    """A copy of ``scenario`` with each parameter's paths set from ``values``.

    Raises
    ------
    KeyError
        A path that the scenario does not hold.
    ScenarioError
        A value the schema rejects (e.g. an availability above 1).
    """
    document = scenario_document(scenario)
    for path, value in overrides_for(parameters, values).items():
        set_path(document, path, value)
    return scenario_from_dict(document, f"{scenario.name} (calibration parameters)")
