"""YAML for scenario files: safe tags only, no duplicate keys, numbers as YAML 1.2 writes them.

- Only the safe constructors (no ``!!python/*`` tag builds an object); the C parser
  (libyaml) where PyYAML was built with it, the pure-Python one otherwise.
- A repeated mapping key is an error (PyYAML alone keeps the last one silently).
- Numbers are YAML 1.2 core numbers: ``3_0`` and ``1:30`` (YAML 1.1 reads 30 and 90) and
  ``017`` / ``0x1f`` stay text, and so do ``yes``/``no``/``on``/``off`` (YAML 1.1
  booleans); only ``true``/``false`` are booleans. The schema then refuses the text where
  a number goes, with the field path (:mod:`corridor_sim.scenario.strict_numbers`).
- A date-like scalar that is no date (``2025-13-40``) stays a string.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"

_Parser: Any
try:  # ``yaml.CParser`` is not exported by ``yaml`` itself: it lives in ``yaml.cyaml``
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Parser = None
C_LOADER = _Parser is not None
"""True when the C parser (libyaml) is used."""


class CoreResolver(Resolver):
    """PyYAML's resolver with YAML 1.2 core booleans, integers and floats."""


CoreResolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in entries if tag not in (BOOL_TAG, INT_TAG, FLOAT_TAG)]
    for first, entries in Resolver.yaml_implicit_resolvers.items()
}
CoreResolver.add_implicit_resolver(BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
CoreResolver.add_implicit_resolver(INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                                   list("-+0123456789"))
CoreResolver.add_implicit_resolver(
    FLOAT_TAG,
    re.compile(r"^(?:[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


if _Parser is None:  # pragma: no cover - PyYAML built without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PyParser(Reader, Scanner, Parser, Composer):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    _Parser = _PyParser


class UniqueKeyLoader(_Parser, SafeConstructor, CoreResolver):  # type: ignore[misc]
    """Safe loader (no tags that build Python objects), C parser where available."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        CoreResolver.__init__(self)

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date or datetime; the plain text if it is not a valid one."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                UniqueKeyLoader.construct_lenient_timestamp)


class DuplicateKeyError(Exception):
    """A YAML mapping repeats a key (PyYAML alone would silently keep the last one)."""

    def __init__(self, path: str, line: int) -> None:
        super().__init__(path)
        self.path = path
        self.line = line


def _check_unique(node: yaml.Node, path: tuple[str, ...] = (),
                  seen_nodes: set[int] | None = None) -> None:
    """Raise DuplicateKeyError at the first mapping key that appears twice under ``node``.

    Nodes shared through YAML aliases are visited once (no exponential walk).
    """
    seen_nodes = set() if seen_nodes is None else seen_nodes
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
            if name in keys and name != "<<":
                raise DuplicateKeyError(".".join((*path, name)), key.start_mark.line + 1)
            keys.add(name)
            _check_unique(value, (*path, name), seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_unique(item, (*path, str(i)), seen_nodes)


def safe_load_unique(text: str) -> Any:
    """Load one YAML document safely; DuplicateKeyError on a repeated mapping key,
    RecursionError on a document nested too deeply for the parser."""
    loader = UniqueKeyLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:  # libyaml's depth limit: what the Python parser's
            if "maximum nesting depth" in str(getattr(exc, "problem", "")):  # recursion says
                raise RecursionError("YAML nested too deeply") from None
            raise
        if node is None:
            return None
        _check_unique(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_value(text: str) -> Any:
    """One YAML scalar or flow value (a ``--set`` value), read as scenario files are."""
    return safe_load_unique(text)
