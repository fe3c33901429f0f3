"""Strict numbers in the schema: ``true`` is not 1 and the text ``'3_0'`` is not 30.

Pydantic's lax mode turns booleans into numbers (``vehicles: true`` is one vehicle,
``horizon_days: on`` a one-day run) and parses text (``'3_0'`` as 30). A field whose
type allows numbers but not booleans refuses a boolean here, and a field that takes only
numbers refuses text, each with a message that says what to write instead. Dates,
literals and nested models keep their own validation.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

from pydantic import BaseModel

NUMERIC = frozenset({int, float})


@functools.cache
def leaf_types(annotation: Any) -> frozenset[Any]:
    """The scalar types (and models) a field's annotation can hold, through unions,
    ``Annotated``, lists, tuples and dict values; ``Literal`` counts as its values' types."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return leaf_types(args[0])
    if origin is typing.Literal:
        return frozenset(type(a) for a in args)
    if origin in (Union, types.UnionType, list, tuple, set, frozenset):
        return frozenset().union(*(leaf_types(a) for a in args if a is not Ellipsis))
    if origin is dict:
        return leaf_types(args[1]) if len(args) == 2 else frozenset({Any})
    return frozenset({annotation})


def _scalars(value: Any, into_dicts: bool) -> Iterator[Any]:
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _scalars(item, into_dicts)
    elif isinstance(value, dict):
        if into_dicts:
            for item in value.values():
                yield from _scalars(item, into_dicts)
    else:
        yield value


def check_number_types(model: type[BaseModel], field: str | None, value: Any) -> Any:
    """``value`` unchanged, or ValueError if it is a boolean or text where numbers go."""
    info = model.model_fields.get(field or "")
    if info is None:
        return value
    leaves = leaf_types(info.annotation)  # type: ignore[arg-type]
    if Any in leaves or not leaves & NUMERIC:
        return value
    has_model = any(isinstance(t, type) and issubclass(t, BaseModel) for t in leaves)
    for item in _scalars(value, into_dicts=not has_model):
        if isinstance(item, bool) and bool not in leaves:
            raise ValueError(f"expected a number, got the boolean {item} (YAML reads "
                             "true/false as booleans); write a number")
        if isinstance(item, str) and leaves <= NUMERIC | {type(None)}:
            raise ValueError(f"expected a number, got the text {item[:40]!r}; write plain "
                             "digits (no quotes, '_' separators or ':' sexagesimal)")
    return value
