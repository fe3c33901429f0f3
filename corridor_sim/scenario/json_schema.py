"""The JSON Schema of the files people write (for editors and ``corridor-sim schema``).

Pydantic describes the *validated* scenario. A file as written differs in three ways,
added here to that schema:

- shorthand forms the models accept before validation: a distribution given as a
  number (``transit_h: 216``), a departure given as ``{every_h: H}`` or
  ``{fill: F, max_wait_h: H}`` instead of ``{headway: ...}`` / ``{full_or_wait: ...}``;
- ``extends:`` (a file name or a list of them, or ``package:NAME``);
- an overlay (a file with ``extends``) holds only what differs: nothing is
  required in it, and ``null`` deletes an inherited entry.

Rules across fields (one bound per target, a warm-up inside the horizon, names
that exist) are the loader's; the schema checks shape, types and ranges.
"""

from __future__ import annotations

import copy
from typing import Any

from corridor_sim.scenario.schema import Scenario

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
PARTIAL = "Overlay"
EXTENDS = {
    "description": "Files this one overlays (paths relative to it, or package:NAME such as "
                   "package:network); mappings merge deeply, null deletes.",
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}],
}


def scenario_file_schema() -> dict[str, Any]:
    """A Draft 2020-12 schema accepting every valid scenario file, complete or overlay."""
    base = Scenario.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs: dict[str, Any] = base.pop("$defs")
    defs["Scenario"] = base
    _shorthands(defs)
    full = copy.deepcopy(defs)
    full["Scenario"]["properties"]["extends"] = EXTENDS
    partial = {f"{PARTIAL}{name}": _optional(body) for name, body in copy.deepcopy(defs).items()}
    partial[f"{PARTIAL}Scenario"]["properties"]["extends"] = EXTENDS
    partial[f"{PARTIAL}Scenario"]["required"] = ["extends"]
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "corridor-sim scenario file",
        "description": "A complete scenario, or an overlay of other files (with extends).",
        "type": "object",
        "if": {"required": ["extends"]},
        "then": {"$ref": f"#/$defs/{PARTIAL}Scenario"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": {**full, **partial},
    }


def _shorthands(defs: dict[str, Any]) -> None:
    """Accept what the models' ``mode="before"`` validators turn into their full form."""
    dist = defs.pop("Dist")
    defs["DistFull"] = {**dist, "minProperties": 1, "maxProperties": 1}  # exactly one kind
    defs["Dist"] = {"description": "A number (fixed) or one distribution.",
                    "anyOf": [{"type": "number", "minimum": 0}, {"$ref": "#/$defs/DistFull"}]}
    departure = defs.pop("Departure")
    defs["DepartureFull"] = departure
    defs["Departure"] = {
        "description": "{every_h: H} (headway), {fill: F, max_wait_h: H} (full or wait), "
                       "or the long form {headway: ...} / {full_or_wait: ...}.",
        "anyOf": [{"$ref": "#/$defs/Headway"},
                  {"$ref": "#/$defs/FullOrWait", "minProperties": 1},
                  {"$ref": "#/$defs/DepartureFull"}]}


def _optional(node: Any) -> Any:
    """Overlay form: drop ``required``, allow ``null`` (delete) for every value, rename refs."""
    if isinstance(node, list):
        return [_optional(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "required":
            continue
        if key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", f"#/$defs/{PARTIAL}")
        elif key == "properties" and isinstance(value, dict):
            out[key] = {k: _nullable(_optional(v)) for k, v in value.items()}
        elif key == "additionalProperties" and isinstance(value, dict):
            out[key] = _nullable(_optional(value))
        else:
            out[key] = _optional(value)
    return out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}
