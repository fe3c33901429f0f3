"""Optional link to the static-capacity package (``corridor_sim.capacity``).

The capacity package computes each element's annual capacity and names the
bottleneck without simulating. Where it is not installed these helpers return
``None`` and callers fall back to the simulated utilization.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridor_sim.results import Results
from corridor_sim.scenario.models import Scenario

_SERVICE_KINDS = {"service", "edge", "link"}
_NODE_KINDS = {"node", "terminal"}


@dataclass(frozen=True)
class Bottleneck:
    """The busiest element: its kind, name, utilization (0–1) and where that comes from."""

    kind: str
    name: str
    utilization: float
    source: str
    detail: str = ""


def capacity_report(scenario: Scenario) -> Any | None:
    """``corridor_sim.capacity.capacity_bounds(scenario)``, or None without that package."""
    try:
        module = importlib.import_module("corridor_sim.capacity")
    except ModuleNotFoundError as exc:
        if exc.name in ("corridor_sim.capacity",):
            return None
        raise
    bounds = getattr(module, "capacity_bounds", None)
    return None if bounds is None else bounds(scenario)


def capacity_elements(report: Any | None) -> pd.DataFrame | None:
    """The report's element table (``element_kind, name, capacity_t_per_year, ...``) or None."""
    table = getattr(report, "elements", None)
    return table if isinstance(table, pd.DataFrame) and "name" in table.columns else None


def element_capacity(elements: pd.DataFrame | None, kind: str, name: str) -> dict[str, float | None]:
    """Annual capacity (t and TEU) of one element; None where unknown or unbounded."""
    out: dict[str, float | None] = {"capacity_t_per_year": None, "capacity_teu_per_year": None}
    if elements is None:
        return out
    kinds = _SERVICE_KINDS if kind == "service" else _NODE_KINDS
    rows = elements[elements["name"].astype(str) == name]
    if "element_kind" in rows.columns:
        rows = rows[rows["element_kind"].astype(str).isin(kinds)]
    for col in out:
        if col in rows.columns and len(rows):
            v = float(pd.to_numeric(rows[col], errors="coerce").min())
            out[col] = v if math.isfinite(v) else None
    return out


def simulated_bottleneck(results: Results) -> Bottleneck | None:
    """Highest utilization among fleets (``fleet_utilization``) and berths (``berth_utilization``)."""
    best: Bottleneck | None = None
    zones = {n for n, node in results.scenario.nodes.items() if node.kind == "zone"}
    k = results.kpis
    for scope, metric, label in (("service", "fleet_utilization", "fleet"),
                                 ("node", "berth_utilization", "berths")):
        rows = k[(k["scope"] == scope) & (k["metric"] == metric)]
        rows = rows[~rows["name"].astype(str).isin(zones)] if scope == "node" else rows
        if rows.empty:
            continue
        top = rows.loc[rows["value"].astype(float).idxmax()]
        if best is None or float(top["value"]) > best.utilization:
            best = Bottleneck(scope, str(top["name"]), float(top["value"]),
                              "simulated utilization", f"{label} utilization over the window")
    return best


def static_bottleneck(report: Any | None) -> Bottleneck | None:
    """The capacity report's bottleneck, if it names one."""
    b = getattr(report, "bottleneck", None)
    if b is None:
        return None
    if isinstance(b, str):
        return Bottleneck("element", b, math.nan, "static capacity", b)
    name = str(getattr(b, "name", b))
    kind = str(getattr(b, "element_kind", getattr(b, "kind", "element")))
    util = float(getattr(b, "utilization", math.nan))
    return Bottleneck(kind, name, util, "static capacity", str(b))
