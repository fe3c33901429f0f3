"""KPIs of fleets as they sail: return legs (empty or loaded), directional balance.

A vehicle's return leg either carries cargo of its service's ``backhaul`` service (a
trip of that service, recorded with the vehicle's own service as ``fleet``) or runs
empty; both are in the raw ``returns`` records (counted when the leg leaves the far end).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.results.kpis import KpiRow, in_window
from corridor_sim.scenario.schema import Scenario


def _rows(scope: str, name: str, values: dict[str, tuple[float, str]]) -> list[KpiRow]:
    return [(scope, name, metric, float(v), unit) for metric, (v, unit) in values.items()]


def return_kpis(scenario: Scenario, returns: np.ndarray, service_names: list[str],
                t0_h: float, t1_h: float) -> list[KpiRow]:
    """Per service: return legs in the window, how many ran empty, and the empty share."""
    rows: list[KpiRow] = []
    fleet = returns[:, 0].astype(int) if len(returns) else np.zeros(0, dtype=int)
    win = (returns[:, 1] >= t0_h) & (returns[:, 1] < t1_h) if len(returns) else fleet.astype(bool)
    loaded = returns[:, 2] > 0.5 if len(returns) else fleet.astype(bool)
    for i, name in enumerate(service_names):
        mine = win & (fleet == i)
        n = int(mine.sum())
        empty = int((mine & ~loaded).sum())
        rows += _rows("service", name, {
            "return_legs": (n, "legs"),
            "empty_legs": (empty, "legs"),
            "empty_leg_share": (empty / n if n else 0.0, "fraction"),
        })
    return rows


def balance_kpis(scenario: Scenario, trips: pd.DataFrame, t0_h: float, t1_h: float) -> list[KpiRow]:
    """Per service with a backhaul: cargo carried back, and the directional imbalance
    ``(out - back) / (out + back)`` in t and TEU (1: one-way, 0: balanced)."""
    rows: list[KpiRow] = []
    win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
    sums = win.groupby("service", observed=True)[["t", "teu"]].sum()
    for name, svc in scenario.services.items():
        if svc.backhaul is None:
            continue
        out_t, out_teu = _get(sums, name)
        back_t, back_teu = _get(sums, svc.backhaul)
        rows += _rows("service", name, {
            "backhaul_t": (back_t, "t"),
            "backhaul_teu": (back_teu, "TEU"),
            "imbalance_t": (_imbalance(out_t, back_t), "fraction"),
            "imbalance_teu": (_imbalance(out_teu, back_teu), "fraction"),
        })
    return rows


def _get(df: pd.DataFrame, name: str) -> tuple[float, float]:
    if name not in df.index:
        return 0.0, 0.0
    return float(df.loc[name, "t"]), float(df.loc[name, "teu"])  # type: ignore[arg-type]


def _imbalance(out: float, back: float) -> float:
    return (out - back) / (out + back) if out + back > 0 else 0.0


def railcar_kpis(scenario: Scenario, trips: pd.DataFrame, t0_h: float, t1_h: float) -> list[KpiRow]:
    """Railcars (wagons) per service whose vehicles are sized in wagons: a year's total
    in the window and the mean per call (a loaded departure)."""
    rows: list[KpiRow] = []
    win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
    by = win.groupby("service", observed=True)["wagons"].agg(["sum", "size"])
    for name, svc in scenario.services.items():
        classes = svc.fleet.class_list()
        if not any(c.capacity_wagons is not None for c in classes):
            continue
        total, calls = 0.0, 0
        if name in by.index:
            total, calls = float(by.loc[name, "sum"]), int(by.loc[name, "size"])
        rows += _rows("service", name, {
            "railcars": (total, "railcars"),
            "railcars_per_call": (total / calls if calls else np.nan, "railcars"),
        })
    return rows


def operator_kpis(trips: pd.DataFrame, t0_h: float, t1_h: float) -> list[KpiRow]:
    """Cargo and trips per named operator (the vehicle's class or fleet operator)."""
    rows: list[KpiRow] = []
    win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
    sums = win.groupby("operator", observed=False)[["t", "teu"]].sum()
    counts = win.groupby("operator", observed=False).size()
    for op in trips["operator"].cat.categories:
        if not op:
            continue
        rows += _rows("operator", str(op), {
            "throughput_t": (float(sums.loc[op, "t"]) if op in sums.index else 0.0, "t"),
            "throughput_teu": (float(sums.loc[op, "teu"]) if op in sums.index else 0.0, "TEU"),
            "trips": (int(counts.get(op, 0)), "trips"),
        })
    return rows
