"""Schema introspection: which fields exist at a dotted path, and readable validation errors."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from corridor_sim.scenario.errors import Problem, dotted, suggest, unique_problems
from corridor_sim.scenario.schema import Scenario


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / Annotated around a type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [a for a in args if _is_model(a) or typing.get_origin(a) in (dict, list)]
        return _unwrap(models[0]) if models else args[0]
    return annotation


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def model_at(parts: Sequence[object]) -> type[BaseModel] | None:
    """The pydantic model found at a field path, or None if the path leads elsewhere."""
    current: Any = Scenario
    for part in parts:
        current = _unwrap(current)
        if _is_model(current):
            fields = current.model_fields
            name = str(part)
            match = next((n for n, f in fields.items() if name in (n, f.alias)), None)
            if match is None:
                return None
            current = fields[match].annotation
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    return current if _is_model(current) else None


def fields_at(parts: Sequence[object]) -> set[str]:
    """Names (aliases where set) of the fields of the model at a path (empty if none)."""
    model = model_at(parts)
    if model is None:
        return set()
    return {f.alias or n for n, f in model.model_fields.items()}


def format_validation_error(exc: ValidationError) -> list[Problem]:
    """Turn a pydantic ValidationError into Problems with paths and suggestions."""
    problems: list[Problem] = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not _is_union_tag(p)]
        path = dotted(loc)
        kind = err["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            problems.append(Problem(path, f"unknown field '{name}'", suggest(name, fields_at(loc[:-1]))))
        elif kind == "missing":
            problems.append(Problem(path, "required field is missing", "add it"))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            got = err.get("input")
            hint = f"got {got!r}" if _short(got) else ""
            problems.append(Problem(path, msg, hint))
    return unique_problems(problems)


def _is_union_tag(part: object) -> bool:
    text = str(part)
    return text.startswith(("list[", "dict[", "literal[", "function-")) or text in (
        "float", "int", "bool", "str", "Shares", "tuple[float, float]")


def _short(value: object) -> bool:
    return isinstance(value, (int, float, str, bool)) and len(repr(value)) <= 60
