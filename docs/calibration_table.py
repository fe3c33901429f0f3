"""Means and 95 % t-intervals of the checked KPIs over an experiment's stored replications.

Usage: ``python docs/calibration_table.py runs/check2024`` (a ``corridor-sim experiment
--out`` directory). Prints the table of docs/calibration-real-terminals.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy import stats

# label, scope, name, metric, record, tolerance
CHECKS = [
    ("corridor (group trans_caspian), t", "group", "trans_caspian", "throughput_t", 4_484_000, 0.05),
    ("corridor (group trans_caspian), TEU", "group", "trans_caspian", "throughput_teu", 56_500, 0.05),
    ("Baku (alat) total t", "node", "alat", "total_t", 7_600_000, 0.10),
    ("Baku (alat) total TEU", "node", "alat", "total_teu", 76_775, 0.10),
    ("Poti total TEU", "node", "poti", "total_teu", 545_297, 0.10),
    ("Batumi total t", "node", "batumi", "total_t", 3_600_000, 0.10),
    ("Batumi total TEU", "node", "batumi", "total_teu", 91_200, 0.10),
    ("Kuryk rail-ferry calls a year", "service", "kuryk-alat-ferry", "trips", 599 * 12 / 10, 0.15),
    ("Kuryk railcars per call", "service", "kuryk-alat-ferry", "railcars_per_call", 16_450 / 599, 0.15),
]
EXTRA = [("node", "alat", "throughput_t"), ("node", "alat", "other_t"), ("node", "poti", "throughput_teu"),
         ("node", "kuryk", "total_t"), ("service", "aktau-alat-feeder", "empty_leg_share"),
         ("service", "aktau-alat-feeder", "imbalance_teu"), ("service", "kuryk-alat-ferry", "railcars"),
         ("operator", "ASCO", "throughput_t"), ("node", "dostyk", "berth_utilization"),
         ("node", "varna", "berth_utilization"), ("node", "poti", "berth_utilization")]


def values(reps: list[dict], scope: str, name: str, metric: str) -> np.ndarray:
    """One KPI over the replications."""
    out = []
    for r in reps:
        k = r["kpis"]
        for s, n, m, v in zip(k["scope"], k["name"], k["metric"], k["value"], strict=True):
            if (s, n, m) == (scope, name, metric):
                out.append(v)
                break
    return np.array(out, dtype=float)


def main(folder: str) -> None:
    """Print the check table and a few more KPIs."""
    paths = sorted(Path(folder, "replications").glob("*.json"))
    reps = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    print(f"replications: {len(reps)}, seeds {reps[0]['seed']} ...")
    print("| check | record | model mean | 95 % CI | deviation | tolerance | holds |")
    print("|---|---|---|---|---|---|---|")
    for label, scope, name, metric, record, tol in CHECKS:
        v = values(reps, scope, name, metric)
        mean = v.mean()
        half = stats.t.ppf(0.975, len(v) - 1) * v.std(ddof=1) / np.sqrt(len(v))
        ok = abs(mean - half - record) <= tol * record and abs(mean + half - record) <= tol * record
        print(f"| {label} | {record:,.1f} | {mean:,.1f} | {mean - half:,.1f} – {mean + half:,.1f} "
              f"| {mean / record - 1:+.1%} | ±{tol:.0%} | {'yes' if ok else 'no'} |")
    for scope, name, metric in EXTRA:
        v = values(reps, scope, name, metric)
        if len(v):
            print(f"- {scope}:{name} {metric}: {v.mean():,.3f} (sd {v.std(ddof=1):,.3f})")


if __name__ == "__main__":
    main(sys.argv[1])
