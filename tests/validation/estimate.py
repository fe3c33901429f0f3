"""Estimators over one run's result tables, and confidence intervals over runs (hours)."""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from corridor_sim.results import Results

# The measurement window ends this long before the horizon, so that every
# customer who arrives inside it has left before the run stops (no censoring).
END_MARGIN_H = 240.0


@dataclass(frozen=True)
class Interval:
    """Mean of ``n`` per-run values and the half-width of its Student-t interval."""

    mean: float
    half: float
    n: int
    level: float

    def covers(self, value: float, bias: float = 0.0) -> bool:
        """True if ``value`` lies within the interval widened by ``bias`` on each side."""
        return abs(value - self.mean) <= self.half + bias


def interval(values: np.ndarray, level: float = 0.999) -> Interval:
    """Student-t confidence interval of the mean of independent per-run ``values``."""
    x = np.asarray(values, dtype=float)
    n = x.size
    half = float(stats.t.ppf(0.5 + level / 2.0, n - 1)) * float(x.std(ddof=1)) / math.sqrt(n)
    return Interval(float(x.mean()), half, n, level)


def window_h(r: Results) -> tuple[float, float]:
    """Measurement window ``[warm-up end, horizon - END_MARGIN_H)`` in hours."""
    run = r.scenario.run
    return run.warmup_days * 24.0, run.horizon_days * 24.0 - END_MARGIN_H


def trips_in_window(r: Results, service: str) -> pd.DataFrame:
    """Trips of ``service`` that arrived at its destination inside the window, by arrival."""
    t0, t1 = window_h(r)
    tr = r.trips[r.trips["service"] == service]
    return tr[(tr["arrive_h"] >= t0) & (tr["arrive_h"] < t1)].sort_values("arrive_h")


def legs_in_window(r: Results, service: str) -> pd.DataFrame:
    """Legs on ``service`` that became ready inside the window, by ready time."""
    t0, t1 = window_h(r)
    lg = r.legs[r.legs["service"] == service]
    return lg[(lg["ready_h"] >= t0) & (lg["ready_h"] < t1)].sort_values("ready_h")


def time_average(start_h: np.ndarray, end_h: np.ndarray, t0: float, t1: float) -> float:
    """Time-average number of the intervals ``[start, end)`` open during ``[t0, t1)``."""
    overlap = np.clip(np.minimum(end_h, t1) - np.maximum(start_h, t0), 0.0, None)
    return float(overlap.sum()) / (t1 - t0)


def little_edge_h(start_h: np.ndarray, end_h: np.ndarray, t0: float, t1: float) -> float:
    """Hours of the intervals that straddle ``t0`` or ``t1``.

    Over a window, the time integral of the number present and the summed times
    of those who arrive inside it differ only through these intervals, by at
    most this much (Little's law on a finite sample path).
    """
    straddle = ((start_h < t0) & (end_h > t0)) | ((start_h < t1) & (end_h > t1))
    return float((end_h - start_h)[straddle].sum())


def fcfs_starts_h(arrive_h: np.ndarray, done_h: np.ndarray, servers: int) -> np.ndarray:
    """Service starts at a first-come-first-served ``servers``-server station, hours.

    Rows are in arrival order. Customer i starts at the later of its arrival and
    the moment the earliest of the ``servers`` servers frees (a departure of a
    customer who started before it). Exact for FCFS, whatever the service times.
    """
    free = [-math.inf] * servers
    start = np.empty_like(arrive_h)
    for i, (a, d) in enumerate(zip(arrive_h.tolist(), done_h.tolist())):
        start[i] = max(a, heapq.heappop(free))
        heapq.heappush(free, d)
    return start


def lindley_departures_h(arrive_h: np.ndarray, service_h: float, first_done_h: float) -> np.ndarray:
    """Departures of a single server with constant service (Lindley's recursion), hours.

    ``first_done_h`` is the departure of the customer before the first row.
    """
    done = np.empty_like(arrive_h)
    prev = first_done_h
    for i, a in enumerate(arrive_h):
        prev = max(a, prev) + service_h
        done[i] = prev
    return done
