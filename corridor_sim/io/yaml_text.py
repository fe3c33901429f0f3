"""YAML text of plain data (a resolved scenario): libyaml's emitter where PyYAML has it."""

from __future__ import annotations

from typing import Any

import yaml

_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def yaml_text(data: Any) -> str:
    """``data`` (dicts, lists, text, numbers, booleans, None) as block YAML, keys in order.

    Safe types only, non-ASCII characters escaped. libyaml's emitter writes a varna
    scenario about 5× faster than PyYAML's pure-Python one; the two fold long text at
    other places, and both read back to the same data.
    """
    text: str = yaml.dump(data, Dumper=_DUMPER, sort_keys=False)
    return text
