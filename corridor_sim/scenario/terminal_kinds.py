"""Terminal kinds: the registry of what a node is (``kind:`` in scenario files).

Every reader asks the registry — the figures (marker, legend label), the terminal
tables (a demand zone is where flows start and end, not a terminal that handles
cargo) — instead of testing ``kind == "zone"``. A new kind is one
:class:`TerminalKind` entry in :data:`TERMINAL_KINDS` and its name in
:data:`NodeKind` (``tests/architecture`` checks that they agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from corridor_sim.registry import Registry

NodeKind = Literal["zone", "border", "rail_hub", "seaport"]
"""The schema's names of the terminal kinds (the keys of :data:`TERMINAL_KINDS`)."""


@dataclass(frozen=True)
class TerminalKind:
    """One kind of node.

    Parameters
    ----------
    name : str
        As written in scenario files (``kind: seaport``).
    label : str
        For legends and tables.
    marker : str
        Matplotlib marker on the network map.
    is_terminal : bool
        False for a demand zone (cargo starts and ends there): left out of the
        terminal tables and of the busiest-berth bottleneck.
    """

    name: str
    label: str
    marker: str
    is_terminal: bool = True


TERMINAL_KINDS: Registry[TerminalKind] = Registry("terminal kind", {
    "zone": TerminalKind("zone", "demand zone", "s", is_terminal=False),
    "border": TerminalKind("border", "border station", "D"),
    "rail_hub": TerminalKind("rail_hub", "rail hub", "^"),
    "seaport": TerminalKind("seaport", "seaport", "o"),
})


def is_terminal(kind: str) -> bool:
    """True if nodes of ``kind`` handle cargo as a terminal (not a demand zone)."""
    return TERMINAL_KINDS[kind].is_terminal
