"""Per-run measurements of a queueing station from the result tables (hours, counts).

Each function turns one run's :class:`~corridor_sim.results.Results` into a flat
mapping of scalar estimates over the measurement window (see
:func:`estimate.window_h`); the runner collects them over seeds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.results import Results
from tests.validation.estimate import (
    fcfs_starts_h,
    lindley_departures_h,
    little_edge_h,
    time_average,
    window_h,
)

SERVICE = "ab"
Measures = dict[str, float]


def _daily_mean(daily: np.ndarray, t0_h: float, t1_h: float) -> np.ndarray:
    """Rows of a per-day column for the whole days inside ``[t0_h, t1_h)``."""
    return daily[int(t0_h // 24): int(t1_h // 24)]


def berth_station(r: Results, servers: int) -> Measures:
    """The berths of node ``b``, fed by the trips of service ``ab`` (FCFS, ``servers`` berths).

    Service starts are rebuilt from arrivals and departures (exact for FCFS), so
    the wait in queue and the service time of every trip are known.
    """
    t0, t1 = window_h(r)
    tr = r.trips[r.trips["service"] == SERVICE].sort_values("arrive_h", kind="stable")
    arrive, done = tr["arrive_h"].to_numpy(), tr["unloaded_h"].to_numpy()
    start = fcfs_starts_h(arrive, done, servers)
    inside = (arrive >= t0) & (arrive < t1)
    lam = inside.sum() / (t1 - t0)
    sojourn = float((done - arrive)[inside].mean())
    in_system = time_average(arrive, done, t0, t1)
    nd = r.nodes_daily[r.nodes_daily["node"] == "b"]
    busy_engine_h = _daily_mean(nd["berth_busy_h"].to_numpy(), t0, t1).sum()
    legs = r.legs[r.legs["service"] == SERVICE]
    return {
        "lam_per_h": float(lam),
        "wait_h": float((start - arrive)[inside].mean()),
        "p_wait": float((start - arrive > 1e-9)[inside].mean()),
        "service_h": float((done - start)[inside].mean()),
        "sojourn_h": sojourn,
        "in_system": in_system,
        "little_rel_gap": in_system / (lam * sojourn) - 1.0,
        "little_rel_bound": little_edge_h(arrive, done, t0, t1) / (t1 - t0) / (lam * sojourn),
        "busy_from_trips": time_average(start, done, t0, t1),
        "busy_from_engine": float(busy_engine_h) / (t1 - t0),
        "rho": float(busy_engine_h) / (t1 - t0) / servers,
        "origin_wait_max_h": float(legs["wait_h"].max()),
    }


def deterministic_berth(r: Results, service_h: float) -> Measures:
    """As :func:`berth_station` with one berth, plus the worst deviation of the trips'
    unloading times from Lindley's recursion with constant service ``service_h``."""
    out = berth_station(r, 1)
    tr = r.trips[r.trips["service"] == SERVICE].sort_values("arrive_h", kind="stable")
    done = tr["unloaded_h"].to_numpy()
    expected = lindley_departures_h(tr["arrive_h"].to_numpy(), service_h, -np.inf)
    out["lindley_max_dev_h"] = float(np.abs(done - expected).max())
    return out


def tandem(r: Results, transit_h: float) -> Measures:
    """Loading berth at ``a`` (station 1) then unloading berth at ``b`` (station 2), per lot.

    Station 1 holds a lot from ``ready_h`` to ``depart_h`` (queue + loading);
    station 2 from the vehicle's arrival, ``depart_h + transit_h``, to the lot's
    hand-over ``arrive_h``.
    """
    t0, t1 = window_h(r)
    lg = r.legs[r.legs["service"] == SERVICE].sort_values("ready_h", kind="stable")
    ready, depart, handed = (lg[c].to_numpy() for c in ("ready_h", "depart_h", "arrive_h"))
    inside = (ready >= t0) & (ready < t1)
    w1 = (depart - ready)[inside]
    w2 = (handed - depart - transit_h)[inside]
    return {
        "lam_per_h": float(inside.sum() / (t1 - t0)),
        "sojourn1_h": float(w1.mean()),
        "sojourn2_h": float(w2.mean()),
        "sojourn_total_h": float((w1 + w2).mean()),
        "corr_12": float(np.corrcoef(w1, w2)[0, 1]),
        "idle_with_work_max_h": _idle_with_work_h(r, lg),
    }


def _idle_with_work_h(r: Results, legs: pd.DataFrame) -> float:
    """Longest time a's berth stood idle while a lot waited (0 if vehicles never limit).

    A trip's loading should start at the later of its lot's readiness and the
    previous loading's end (= previous departure): anything more is a missing vehicle.
    """
    lg = legs.dropna(subset=["depart_h"]).sort_values("depart_h", kind="stable")
    tr = r.trips[r.trips["service"] == SERVICE].sort_values("depart_h", kind="stable")
    n = len(tr)
    depart = lg["depart_h"].to_numpy()[:n]
    if not np.allclose(depart, tr["depart_h"].to_numpy(), rtol=0.0, atol=1e-9):
        raise AssertionError("trips and lots of service ab do not pair up by departure")
    ready = lg["ready_h"].to_numpy()[:n]
    due = np.maximum(ready, np.concatenate([[-np.inf], depart[:-1]]))
    return float((tr["load_start_h"].to_numpy() - due).max())


def fleet_station(r: Results, servers: int) -> Measures:
    """The vehicles of service ``ab`` as ``servers`` servers; lots queue at ``a``.

    ``in_queue`` is the exact time-average of lots in the cargo queue, from the
    legs' ``[ready_h, depart_h)`` intervals; ``in_queue_daily`` the mean of the
    monitor's end-of-day ``queue_lots`` samples over the window's days.
    """
    t0, t1 = window_h(r)
    lg = r.legs[r.legs["service"] == SERVICE]
    ready = lg["ready_h"].to_numpy()
    depart = np.nan_to_num(lg["depart_h"].to_numpy(), nan=np.inf)
    inside = (ready >= t0) & (ready < t1)
    lam = inside.sum() / (t1 - t0)
    wait = float(lg["wait_h"].to_numpy()[inside].mean())
    in_queue = time_average(ready, depart, t0, t1)
    ed = r.edges_daily[r.edges_daily["service"] == SERVICE]
    return {
        "lam_per_h": float(lam),
        "wait_h": wait,
        "in_queue": in_queue,
        "little_rel_gap": in_queue / (lam * wait) - 1.0,
        "little_rel_bound": little_edge_h(ready, depart, t0, t1) / (t1 - t0) / (lam * wait),
        "in_queue_daily": float(_daily_mean(ed["queue_lots"].to_numpy(), t0, t1).mean()),
        "rho": float(_daily_mean(ed["fleet_util"].to_numpy(), t0, t1).mean()),
    }
