"""The static capacity of a run's elements (``corridor_sim.capacity``) for the figures.

The capacity package computes each element's annual capacity and names the
bottleneck without simulating; the figures compare it with the simulated use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridor_sim.capacity import CapacityReport, capacity_bounds
from corridor_sim.results import Results
from corridor_sim.scenario.schema import Scenario
from corridor_sim.scenario.terminal_kinds import is_terminal


@dataclass(frozen=True)
class Bottleneck:
    """The element that limits the corridor: its kind, name, utilization (0–1) and a sentence."""

    kind: str
    name: str
    utilization: float
    text: str


def capacity_report(scenario: Scenario) -> CapacityReport:
    """``corridor_sim.capacity.capacity_bounds(scenario)``."""
    return capacity_bounds(scenario)


def capacity_elements(report: Any | None) -> pd.DataFrame | None:
    """The report's element table (``element_kind, name, capacity_t_per_year, ...``) or None."""
    table = getattr(report, "elements", None)
    return table if isinstance(table, pd.DataFrame) and "name" in table.columns else None


def element_capacity(elements: pd.DataFrame | None, kind: str, name: str) -> dict[str, float | None]:
    """Static annual capacity (t, TEU) of a service or a terminal and the share demand uses.

    A terminal's capacity is the tightest of its rows (berths, yard, design capacity);
    values are None where unknown or unbounded.
    """
    keys = ("capacity_t_per_year", "capacity_teu_per_year", "capacity_utilization")
    out: dict[str, float | None] = dict.fromkeys(keys)
    if elements is None or "element_kind" not in elements.columns:
        return out
    is_service = elements["element_kind"].astype(str) == "service"
    rows = elements[(elements["name"].astype(str) == name) & (is_service if kind == "service"
                                                              else ~is_service)]
    if rows.empty:
        return out
    for key, col, how in ((keys[0], "capacity_t_per_year", "min"),
                          (keys[1], "capacity_teu_per_year", "min"), (keys[2], "utilization", "max")):
        if col in rows.columns:
            v = float(getattr(pd.to_numeric(rows[col], errors="coerce"), how)())
            out[key] = v if math.isfinite(v) else None
    return out


def simulated_bottleneck(results: Results) -> Bottleneck | None:
    """Highest utilization among fleets (``fleet_utilization``) and berths (``berth_utilization``)."""
    best: Bottleneck | None = None
    zones = {n for n, node in results.scenario.nodes.items() if not is_terminal(node.kind)}
    k = results.kpis
    for scope, metric, what in (("service", "fleet_utilization", "fleet"),
                                ("node", "berth_utilization", "berths")):
        rows = k[(k["scope"] == scope) & (k["metric"] == metric)]
        rows = rows[~rows["name"].astype(str).isin(zones)] if scope == "node" else rows
        if rows.empty:
            continue
        top = rows.loc[rows["value"].astype(float).idxmax()]
        util = float(top["value"])
        if best is None or util > best.utilization:
            text = (f"busiest in the simulation: {what} of {scope} {top['name']}, "
                    f"{100 * util:.0f} % utilized over the measurement window")
            best = Bottleneck(scope, str(top["name"]), util, text)
    return best


def static_bottleneck(report: Any | None) -> Bottleneck | None:
    """The capacity report's bottleneck (the element that first limits its headline scope)."""
    b = getattr(report, "bottleneck", None)
    if b is None:
        return None
    scope = getattr(b, "scope", getattr(report, "scope", ""))
    text = f"static capacity (without simulating): {b}" + (f", limits {scope}" if scope else "")
    return Bottleneck(str(getattr(b, "element_kind", "element")), str(getattr(b, "name", b)),
                      float(getattr(b, "utilization", math.nan)), text)
