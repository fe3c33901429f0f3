"""``capacity_bounds(scenario)``: static capacity of every element, max flow, bottleneck."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from corridor_sim.capacity.loads import t_of, teu_of
from corridor_sim.capacity.maxflow import ratio, scope_cuts
from corridor_sim.capacity.scale import (
    TABLE_MEASURE,
    CapacityModel,
    ScaleBound,
    build_model,
    row_use,
    scale_bound,
)
from corridor_sim.capacity.scopes import all_scopes, headline_scope
from corridor_sim.capacity.supply import Row
from corridor_sim.scenario.schema import Scenario

INF = math.inf
ELEMENT_COLUMNS = ["element_kind", "name", "capacity_t_per_year", "capacity_teu_per_year",
                   "demand_t_per_year", "demand_teu_per_year", "utilization", "binding", "label"]
SCOPE_COLUMNS = ["scope", "demand_t_per_year", "demand_teu_per_year", "scale",
                 "bound_t_per_year", "bound_teu_per_year", "limited_by"]
TARGET_COLUMNS = ["target", "metric", "scope", "target_value", "bound", "within_bound"]


@dataclass(frozen=True)
class Bottleneck:
    """The element that first stops a scope's demand from growing, with its figures."""

    scope: str
    element_kind: str
    name: str
    label: str
    capacity_t_per_year: float
    capacity_teu_per_year: float
    utilization: float

    def __str__(self) -> str:
        parts = [f"{self.label}: {format_t(self.capacity_t_per_year)}"]
        if math.isfinite(self.capacity_teu_per_year) and self.capacity_teu_per_year > 0:
            parts.append(f", {self.capacity_teu_per_year:,.0f} TEU/yr")
        parts.append(f" ({100 * self.utilization:.0f} % used)")
        return "".join(parts)


def format_t(t_per_year: float) -> str:
    """``3.9 Mt/yr`` (or ``unbounded``)."""
    if not math.isfinite(t_per_year):
        return "unbounded"
    return f"{t_per_year / 1e6:,.2f} Mt/yr"


@dataclass
class CapacityReport:
    """Static capacity of a scenario over its measurement window (all figures a year).

    Attributes
    ----------
    scenario : str
        The scenario's name.
    scope : str
        The headline scope (see :func:`corridor_sim.capacity.scopes.headline_scope`).
    elements : pandas.DataFrame
        One row per service, terminal (berths), design capacity and yard:
        ``element_kind, name, capacity_t_per_year, capacity_teu_per_year,
        demand_t_per_year, demand_teu_per_year, utilization, binding, label``.
        Capacity in t is at the element's cargo mix; in TEU, for containers alone.
    max_flow : pandas.DataFrame
        Max flow and minimum cut per scope and cargo class.
    scopes : pandas.DataFrame
        Per scope: demand, the scale bound and the element that sets it.
    targets : pandas.DataFrame
        The scenario's throughput targets against the scale bound of their scope.
    bottleneck : Bottleneck or None
        The element that limits the headline scope.
    """

    scenario: str
    scope: str
    window_days: tuple[float, float]
    elements: pd.DataFrame
    max_flow: pd.DataFrame
    scopes: pd.DataFrame
    targets: pd.DataFrame
    bottleneck: Bottleneck | None
    model: CapacityModel = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: infinities and NaN become None."""
        return {
            "scenario": self.scenario, "scope": self.scope,
            "window_days": list(self.window_days),
            "bottleneck": None if self.bottleneck is None else
            {**_plain(self.bottleneck.__dict__), "text": str(self.bottleneck)},
            "elements": records(self.elements), "max_flow": records(self.max_flow),
            "scopes": records(self.scopes), "targets": records(self.targets),
        }


def _plain(d: Mapping[Any, Any]) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        if hasattr(v, "item"):
            v = v.item()
        out[str(k)] = None if isinstance(v, float) and not math.isfinite(v) else v
    return out


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts."""
    return [_plain(r) for r in df.to_dict("records")]


def _conversion(model: CapacityModel, row: Row, unit: str) -> float:
    """Factor from the row's measure to the element's table measure for one class."""
    if row.resource != "berths":
        return 1.0
    key = row.element
    thr = model.loads.total(key, "throughput").get(unit, 0.0)
    handled = model.loads.total(key, "handled").get(unit, 0.0)
    if handled > 0:
        return thr / handled
    return 1.0 if model.scenario.nodes[row.name].kind == "zone" else 0.5


def _element_record(model: CapacityModel, kind: str, name: str, rows: list[Row]
                    ) -> dict[str, Any]:
    key = rows[0].element
    load = model.loads.total(key, TABLE_MEASURE[kind])
    util = max(ratio(row_use(model, r), r.supply) for r in rows)
    units = sorted({u for r in rows for u in r.cap})
    cap = {u: min(r.cap.get(u, 0.0) * _conversion(model, r, u) for r in rows) for u in units}
    tpt = model.tpt_of(key)
    cap_teu = cap.get("container", math.nan)
    demand_t = t_of(load)
    if demand_t > 0 and util > 0:
        cap_t = demand_t / util
    else:
        single = [cap[u] * tpt if u == "container" else cap[u] for u in units]
        cap_t = max(single, default=math.nan)
    return {"element_kind": kind, "name": name, "capacity_t_per_year": cap_t,
            "capacity_teu_per_year": cap_teu, "demand_t_per_year": demand_t,
            "demand_teu_per_year": teu_of(load), "utilization": util,
            "label": model.label_of((kind, name))}


def element_table(model: CapacityModel, rows: list[Row] | None = None) -> pd.DataFrame:
    """One row per element: capacity, demand, utilization, binding."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in model.rows if rows is None else rows:
        groups.setdefault((row.kind, row.name), []).append(row)
    recs = [_element_record(model, k, n, rs) for (k, n), rs in groups.items()]
    df = pd.DataFrame(recs, columns=[c for c in ELEMENT_COLUMNS if c != "binding"])
    enforced = df["element_kind"] != "design"  # design capacities: reported, never binding
    top = df.loc[enforced, "utilization"].max() if enforced.any() else 0.0
    df["binding"] = enforced & ((df["utilization"] >= 1.0) | (
        (df["utilization"] > 0) & (df["utilization"] >= top * (1 - 1e-9))))
    result: pd.DataFrame = df[ELEMENT_COLUMNS]
    return result


def _scope_record(model: CapacityModel, sb: ScaleBound) -> dict[str, Any]:
    limit = "" if sb.row is None else model.label_of((sb.row.kind, sb.row.name))
    return {"scope": sb.scope.label, "demand_t_per_year": sb.demand_t_per_year,
            "demand_teu_per_year": sb.demand_teu_per_year, "scale": sb.scale,
            "bound_t_per_year": sb.bound_t_per_year,
            "bound_teu_per_year": sb.bound_teu_per_year, "limited_by": limit}


def _target_table(model: CapacityModel, bounds: dict[str, ScaleBound]) -> pd.DataFrame:
    recs = []
    for key, target in model.scenario.targets.items():
        if not target.metric.startswith("throughput") or target.scope not in bounds:
            continue
        sb = bounds[target.scope]
        bound = sb.bound_t_per_year if target.metric == "throughput_t" else sb.bound_teu_per_year
        ok = bound >= target.bound if target.at_least is not None else True
        recs.append({"target": key, "metric": target.metric, "scope": target.scope,
                     "target_value": target.bound, "bound": bound, "within_bound": ok})
    result: pd.DataFrame = pd.DataFrame(recs, columns=TARGET_COLUMNS)
    return result


def _bottleneck(elements: pd.DataFrame, sb: ScaleBound) -> Bottleneck | None:
    if sb.row is None:
        return None
    hit = elements[(elements["element_kind"] == sb.row.kind) & (elements["name"] == sb.row.name)]
    r = hit.iloc[0]
    return Bottleneck(sb.scope.label, sb.row.kind, sb.row.name, str(r["label"]),
                      float(r["capacity_t_per_year"]), float(r["capacity_teu_per_year"]),
                      float(r["utilization"]))


def capacity_bounds(scenario: Scenario, scope: str | None = None,
                    closures: bool = True) -> CapacityReport:
    """Static capacity of a scenario, without simulating it.

    Parameters
    ----------
    scenario : Scenario
        A validated scenario; its measurement window, routes and demand are used.
    scope : str, optional
        The headline scope (``group:NAME``, ``flowgroup:NAME``, ``flow:NAME``,
        ``service:NAME``, ``node:NAME`` or ``flows``). Default: the scope of the
        scenario's first throughput target, else ``group:trans_caspian`` if it
        exists, else ``flows``.
    closures : bool
        Reduce capacities by the expected weather downtime and dated closures
        (default). ``False`` gives the hard limits, which no run can exceed (up to
        the edge effects of a finite window).

    Returns
    -------
    CapacityReport
        Element table, max flow per scope and class, scope bounds and bottleneck.
    """
    model = build_model(scenario, closures)
    head = scope or headline_scope(scenario)
    labels = list(dict.fromkeys([head, *all_scopes(scenario)]))
    bounds = {lab: scale_bound(model, model.scope(lab)) for lab in labels}
    elements = element_table(model)
    cuts = [c.record(model.label_of) for lab in labels
            for c in scope_cuts(model.rows, model.demands, bounds[lab].scope)]
    run = scenario.run
    return CapacityReport(
        scenario=scenario.name, scope=head,
        window_days=(run.warmup_days, run.horizon_days),
        elements=elements,
        max_flow=pd.DataFrame(cuts),
        scopes=pd.DataFrame([_scope_record(model, b) for b in bounds.values()],
                            columns=SCOPE_COLUMNS),
        targets=_target_table(model, bounds),
        bottleneck=_bottleneck(elements, bounds[head]),
        model=model,
    )



