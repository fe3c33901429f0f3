"""One small typed registry for the extension points (cargo classes, terminal kinds,
departure policies): name → entry, in the order registered.

A :class:`Registry` is a ``dict`` (iteration, ``items()``, ``in`` and ``r[name]`` at dict
speed; tests may ``monkeypatch.setitem`` an entry), whose lookup of a name it does not
hold raises :class:`UnknownNameError` listing the names it does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


class UnknownNameError(KeyError):
    """A name looked up in a registry that does not hold it (the message lists those it holds)."""

    def __str__(self) -> str:
        return str(self.args[0])  # as written (a KeyError would quote it)


class Registry(dict[str, T]):
    """Name → entry of one kind of extension.

    Parameters
    ----------
    kind : str
        What an entry is, for messages (``"cargo class"``).
    entries : Mapping[str, T], optional
        The entries, registered in their order.
    """

    def __init__(self, kind: str, entries: Mapping[str, T] | None = None) -> None:
        super().__init__()
        self.kind = kind
        for name, entry in (entries or {}).items():
            self.register(name, entry)

    def register(self, name: str, entry: T) -> T:
        """Add ``entry`` under a new ``name`` (a name registered twice is refused); returns it."""
        if name in self:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self[name] = entry
        return entry

    def names(self) -> tuple[str, ...]:
        """The names, in registry order."""
        return tuple(self)

    def __missing__(self, name: str) -> T:
        known = ", ".join(self) or "none"
        raise UnknownNameError(f"unknown {self.kind} {name!r} (known: {known})")
