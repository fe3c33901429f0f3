"""Parse throughput targets written on the command line: ``5.2Mt,70000TEU``.

Each comma-separated item is a number, an optional multiplier prefix (``k`` for
thousand, ``M`` for million) and a unit, ``t`` (tonnes) or ``TEU`` (case does not
matter for ``TEU``; for tonnes the prefixes are ``kt`` and ``Mt``). Examples::

    5.2Mt          -> 5 200 000 t
    5200000t       -> 5 200 000 t
    70kTEU         -> 70 000 TEU
    5.2Mt,70000TEU -> both
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(
    r"^\s*(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*"
    r"(?P<prefix>[kKM]?)\s*(?P<unit>t|TEU|teu|Teu)\s*$"
)
_SCALE = {"": 1.0, "k": 1e3, "K": 1e3, "M": 1e6}


@dataclass(frozen=True)
class ThroughputTarget:
    """A throughput target in tonnes and/or TEU a year (``None`` where not given)."""

    t_per_year: float | None = None
    teu_per_year: float | None = None

    def describe(self) -> str:
        """Readable form, e.g. ``5.2 Mt/yr and 70,000 TEU/yr``."""
        parts = []
        if self.t_per_year is not None:
            parts.append(f"{self.t_per_year / 1e6:,.3g} Mt/yr")
        if self.teu_per_year is not None:
            parts.append(f"{self.teu_per_year:,.0f} TEU/yr")
        return " and ".join(parts) or "no target"


def parse_target(text: str) -> ThroughputTarget:
    """Parse ``"5.2Mt,70000TEU"`` (either part optional, in any order).

    Parameters
    ----------
    text : str
        Comma-separated quantities with units ``t``, ``kt``, ``Mt``, ``TEU``,
        ``kTEU``, ``MTEU``. A thousands separator ``_`` is allowed (``70_000TEU``).

    Returns
    -------
    ThroughputTarget
        Tonnes a year and TEU a year.

    Raises
    ------
    ValueError
        With a message naming the item that could not be read.
    """
    t: float | None = None
    teu: float | None = None
    items = [item for item in text.split(",") if item.strip()]
    if not items:
        raise ValueError(f"empty target '{text}': write e.g. 5.2Mt,70000TEU")
    for item in items:
        value, unit = _parse_item(item)
        if unit == "t":
            if t is not None:
                raise ValueError(f"target '{text}' gives tonnes twice")
            t = value
        else:
            if teu is not None:
                raise ValueError(f"target '{text}' gives TEU twice")
            teu = value
    return ThroughputTarget(t, teu)


def _parse_item(item: str) -> tuple[float, str]:
    match = _ITEM.match(item.replace("_", ""))
    if match is None:
        raise ValueError(
            f"cannot read target '{item.strip()}': write a number and a unit, "
            "e.g. 5.2Mt, 5200000t, 700kt, 70000TEU or 70kTEU")
    prefix = match["prefix"]
    unit = "t" if match["unit"] == "t" else "TEU"
    if unit == "t" and prefix == "K":
        raise ValueError(f"cannot read target '{item.strip()}': thousand tonnes is 'kt'")
    value = float(match["num"]) * _SCALE[prefix]
    if value < 0:  # pragma: no cover - the pattern admits no sign
        raise ValueError(f"target '{item.strip()}' is negative")
    return value, unit
