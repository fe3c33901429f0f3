"""A shared terminal's whole load: the corridor's cargo and the other (background) traffic.

Per node: ``other_t`` / ``other_teu`` (background calls handled in the window) and
``total_t`` / ``total_teu`` (the corridor's ``throughput_*`` plus the other). Per
background flow (scope ``background``): what it handled, its calls and their wait for a
berth. The corridor's own KPIs, groups and targets never include the other traffic.
"""

from __future__ import annotations

import numpy as np

from corridor_sim.results.kpis import KpiRow
from corridor_sim.scenario.schema import Scenario


def _rows(scope: str, name: str, values: dict[str, tuple[float, str]]) -> list[KpiRow]:
    return [(scope, name, metric, float(v), unit) for metric, (v, unit) in values.items()]


def terminal_kpis(scenario: Scenario, calls: np.ndarray, names: list[str],
                  node_rows: list[KpiRow], t0_h: float, t1_h: float) -> list[KpiRow]:
    """Background KPIs and each node's corridor/other split (see the module docstring)."""
    rows: list[KpiRow] = []
    win = calls[(calls[:, 3] >= t0_h) & (calls[:, 3] < t1_h)] if len(calls) else calls
    other: dict[str, list[float]] = {n: [0.0, 0.0] for n in scenario.nodes}
    for i, name in enumerate(names):
        c = win[win[:, 0] == i] if len(win) else win
        teu, t = (float(c[:, 4].sum()), float(c[:, 5].sum())) if len(c) else (0.0, 0.0)
        node = scenario.background[name].node
        other[node][0] += t
        other[node][1] += teu
        rows += _rows("background", name, {
            "throughput_t": (t, "t"),
            "throughput_teu": (teu, "TEU"),
            "calls": (len(c), "calls"),
            "berth_wait_h_mean": (float((c[:, 2] - c[:, 1]).mean()) if len(c) else np.nan, "h"),
        })
    corridor = {(name, metric): value for scope, name, metric, value, _ in node_rows
                if scope == "node" and metric in ("throughput_t", "throughput_teu")}
    for node, (t, teu) in other.items():
        rows += _rows("node", node, {
            "other_t": (t, "t"),
            "other_teu": (teu, "TEU"),
            "total_t": (corridor.get((node, "throughput_t"), 0.0) + t, "t"),
            "total_teu": (corridor.get((node, "throughput_teu"), 0.0) + teu, "TEU"),
        })
    return rows
