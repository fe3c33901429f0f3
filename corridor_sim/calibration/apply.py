"""Set calibration parameters in a scenario (a validated copy; the original is untouched)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from corridor_sim.calibration.spec import Parameter
from corridor_sim.scenario import Scenario, scenario_from_dict


def scenario_document(scenario: Scenario) -> dict[str, Any]:
    """The scenario as a plain mapping that validates back to an equal scenario."""
    return scenario.model_dump(mode="json", by_alias=True)


def _step(node: Any, part: str, path: str) -> tuple[Any, Any]:
    """The container holding ``part`` and its key (a list index or a mapping key)."""
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node, int(part)
    if isinstance(node, dict) and part in node:
        return node, part
    raise KeyError(f"no scenario field at '{path}' (stops at '{part}')")


def read_path(document: Any, path: str) -> Any:
    """The value at dotted ``path`` (list items by index), or KeyError naming the path."""
    node = document
    for part in path.split("."):
        holder, key = _step(node, part, path)
        node = holder[key]
    return node


def write_path(document: Any, path: str, value: Any) -> None:
    """Replace the existing value at dotted ``path`` (KeyError if there is none)."""
    parts = path.split(".")
    node = read_path(document, ".".join(parts[:-1])) if len(parts) > 1 else document
    holder, key = _step(node, parts[-1], path)
    holder[key] = value


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
            out.append(float(read_path(document, p.set[0])))
        elif p.scale:
            path, base = p.scale[0]
            out.append(float(read_path(document, path)) / base)
        else:
            out.append(1.0 - float(read_path(document, p.complement[0])))
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
        write_path(document, path, value)
    return scenario_from_dict(document, f"{scenario.name} (calibration parameters)")
