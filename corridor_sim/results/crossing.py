"""What *crossed* a group of services: each lot counted once, however many legs it took.

A group of consecutive services (``caucasus_rail``: Baku–Tbilisi then Tbilisi–Poti)
carries the same container on two legs; the sum of what its services carried
(``leg_sum_t``) counts it twice. The group's throughput counts the distinct lots
that departed on one of its services in the window. For a group of parallel
services (``trans_caspian``: the ferries, feeders and tankers) the two agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.scenario.schema import Scenario


def group_members(scenario: Scenario, group: str) -> list[str]:
    """The services of ``group``, in scenario order."""
    return [n for n, s in scenario.services.items() if group in s.groups]


def crossed(scenario: Scenario, legs: pd.DataFrame, group: str, t0_h: float,
            t1_h: float) -> tuple[float, float]:
    """Tonnes and TEU of the distinct lots that departed on ``group`` in ``[t0_h, t1_h)``.

    Only legs that arrived count, as in the trips table (a vehicle still under
    way at the horizon has no trip record yet).

    Parameters
    ----------
    legs : DataFrame
        Legs per parcel (columns ``lot_start, lot_stop, lots, service, t, teu, depart_h,
        arrive_h``: a contiguous range of lots of one size), or per lot and leg (a
        ``lot`` column instead of the range).

    Returns
    -------
    tuple of float
        ``(t, teu)``; each lot counted once.
    """
    members = group_members(scenario, group)
    depart = legs["depart_h"].to_numpy()
    arrived = ~np.isnan(legs["arrive_h"].to_numpy())  # as trips: counted once the trip is done
    mask = (depart >= t0_h) & (depart < t1_h) & arrived & legs["service"].isin(members).to_numpy()
    if not mask.any():
        return 0.0, 0.0
    if "lot" in legs.columns:
        start = legs["lot"].to_numpy()[mask].astype(np.int64, copy=False)
        stop, count = start + 1, np.ones(len(start))
    else:
        start = legs["lot_start"].to_numpy()[mask].astype(np.int64, copy=False)
        stop = legs["lot_stop"].to_numpy()[mask].astype(np.int64, copy=False)
        count = legs["lots"].to_numpy()[mask].astype(float)
    new = _new_lots(start, stop)
    del start, stop
    return _per_lot_sum(legs["t"].to_numpy()[mask], count, new), _per_lot_sum(
        legs["teu"].to_numpy()[mask], count, new)


def _per_lot_sum(total: np.ndarray, count: np.ndarray, new: np.ndarray) -> float:
    """``sum(total / count * new)``, computed in ``total`` (a copy of the caller's own)."""
    total /= count
    total *= new
    return float(total.sum())


def _new_lots(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """Per range ``[start, stop)``, how many of its lots no earlier range covered.

    Ranges are taken by start; the lots of range *i* already covered are exactly
    ``[start_i, min(stop_i, max of earlier stops))`` (the range reaching furthest began
    no later), so the union's size is counted without a row per lot. The count is
    returned in the input order. A lot's size is the same in every range that holds it.
    """
    order = np.argsort(start, kind="stable")
    e = stop[order]
    before = np.empty_like(e)  # the furthest stop of the earlier ranges
    before[:1] = np.iinfo(np.int64).min
    np.maximum.accumulate(e[:-1], out=before[1:])
    np.maximum(start[order], before, out=before)
    np.subtract(e, before, out=e)
    del before
    fresh = np.clip(e, 0, None, out=e)
    out: np.ndarray = np.empty(len(fresh), dtype=float)
    out[order] = fresh
    return out
