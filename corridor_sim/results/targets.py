"""Targets: a KPI over the window (annualised) or a calendar year, against a bound."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from corridor_sim.results.kpis import annualise, in_window
from corridor_sim.scenario.calendar import hours_since
from corridor_sim.scenario.schema import Scenario, Target

TARGET_COLUMNS = ["target", "metric", "scope", "year", "sense", "target_value", "value", "met"]
METRIC_UNITS = {"throughput_t": "t", "throughput_teu": "TEU", "transit_days_mean": "days",
                "transit_days_p95": "days"}
"""The unit of each target metric (``Target.metric``)."""


def measure(scenario: Scenario, target: Target, trips: pd.DataFrame, legs: pd.DataFrame,
            lots: pd.DataFrame, t0_h: float, t1_h: float) -> float:
    """The target's metric over ``[t0_h, t1_h)`` (throughput as a total).

    ``legs`` has cargo totals per row: legs per parcel, or per lot and leg.
    """
    kind, _, name = target.scope.partition(":")
    if target.metric.startswith("transit_days"):
        d = lots[in_window(lots["delivered_h"], t0_h, t1_h)]
        d = _flow_scope(scenario, d, kind, name)
        if d.empty:
            return float("nan")
        days = d["transit_days"]
        return float(days.mean() if target.metric == "transit_days_mean" else days.quantile(0.95))
    col = "t" if target.metric == "throughput_t" else "teu"
    if kind in ("group", "service"):
        win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
        members = [name] if kind == "service" else [
            n for n, s in scenario.services.items() if name in s.groups]
        return float(win.loc[win["service"].isin(members), col].sum())
    if kind == "node":
        out = legs[in_window(legs["depart_h"], t0_h, t1_h) & (legs["from_node"] == name)]
        d = lots[in_window(lots["delivered_h"], t0_h, t1_h)]
        ends_here = [n for n, f in scenario.flows.items() if f.destination == name]
        fin = d[d["flow"].isin(ends_here)]
        return float(out[col].sum() + fin[col].sum())
    d = lots[in_window(lots["delivered_h"], t0_h, t1_h)]
    return float(_flow_scope(scenario, d, kind, name)[col].sum())


def _flow_scope(scenario: Scenario, lots: pd.DataFrame, kind: str, name: str) -> pd.DataFrame:
    if kind == "flow":
        result: pd.DataFrame = lots[lots["flow"] == name]
        return result
    if kind == "flowgroup":
        members = [n for n, f in scenario.flows.items() if name in f.groups]
        result = lots[lots["flow"].isin(members)]
        return result
    return lots


def target_table(scenario: Scenario, trips: pd.DataFrame, legs: pd.DataFrame,
                 lots: pd.DataFrame, t0_h: float, t1_h: float) -> pd.DataFrame:
    """One row per target: the value reached and whether the target is met."""
    rows = []
    start = scenario.run.start
    for key, target in scenario.targets.items():
        if target.year is not None:
            a = max(hours_since(start, dt.date(target.year, 1, 1)), t0_h)
            b = min(hours_since(start, dt.date(target.year + 1, 1, 1)), t1_h)
        else:
            a, b = t0_h, t1_h
        value = measure(scenario, target, trips, legs, lots, a, b) if b > a else float("nan")
        if target.metric.startswith("throughput") and b > a and target.year is None:
            value *= annualise(b - a)
        sense = ">=" if target.at_least is not None else "<="
        met = bool(value >= target.bound) if sense == ">=" else bool(value <= target.bound)
        rows.append((key, target.metric, target.scope, target.year, sense, target.bound, value,
                     met and not np.isnan(value)))
    result: pd.DataFrame = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    return result
