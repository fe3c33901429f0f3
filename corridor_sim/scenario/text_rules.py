"""Text in a scenario: ids and names that print safely everywhere.

Walks the merged document before the schema: no string or key may hold a NUL, another
control character (tab and newline aside) or a lone surrogate (they break terminals,
CSV and UTF-8 output); ids (the keys of ``nodes``, ``services``, ``flows``, ``weather``
and ``targets``) may not be empty or blank and are at most :data:`MAX_ID_CHARS` long,
names at most :data:`MAX_NAME_CHARS`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from corridor_sim.scenario.errors import Problem

ID_TABLES = ("nodes", "services", "flows", "weather", "targets")
MAX_ID_CHARS = 100
MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 20_000
_BAD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_WHAT = {"\x00": "a NUL character"}


def _walk(value: Any, path: tuple[str, ...],
          seen: set[int] | None = None) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """(path, text, is_key) for every string and key under ``value``; a container shared
    through YAML aliases is walked once (no exponential walk of an alias bomb)."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield path, value, False
        return
    if not isinstance(value, (dict, list)) or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            yield (*path, _printable(name)), name, True
            yield from _walk(item, (*path, _printable(name)), seen)
    else:
        for i, item in enumerate(value):
            yield from _walk(item, (*path, str(i)), seen)


def _printable(text: str) -> str:
    return _BAD.sub("?", text)[:MAX_ID_CHARS]


def _bad_char(text: str) -> Problem | None:
    m = _BAD.search(text)
    if m is None:
        return None
    ch = m.group()
    what = _WHAT.get(ch) or ("a lone surrogate (invalid Unicode)" if "\ud800" <= ch <= "\udfff"
                             else f"the control character U+{ord(ch):04X}")
    return Problem("", f"contains {what} at position {m.start()}",
                   "use plain printable text")


def check_text(document: dict[str, Any]) -> list[Problem]:
    """Problems with the strings, keys and ids of a merged scenario document."""
    out: list[Problem] = []
    for path, text, is_key in _walk(document, ()):
        dotted = ".".join(path)
        bad = _bad_char(text)
        if bad is not None:
            out.append(Problem(dotted, bad.message, bad.suggestion))
        elif is_key and len(path) == 2 and path[0] in ID_TABLES:
            out += _id(dotted, text)
        elif not is_key and path[-1:] == ("name",) and len(text) > MAX_NAME_CHARS:
            out.append(Problem(dotted, f"a name of {len(text):,} characters; at most "
                               f"{MAX_NAME_CHARS}", "shorten it (put details in description)"))
        elif len(text) > MAX_TEXT_CHARS:
            out.append(Problem(dotted, f"text of {len(text):,} characters; at most "
                               f"{MAX_TEXT_CHARS:,}", "shorten it"))
    return out[:20]


def _id(path: str, text: str) -> list[Problem]:
    if not text.strip():
        return [Problem(path, "an empty or blank id", "give every entry a name such as 'aktau'")]
    if len(text) > MAX_ID_CHARS:
        return [Problem(path, f"an id of {len(text):,} characters; at most {MAX_ID_CHARS}",
                        "use a short id and put the long form in its name")]
    return []
