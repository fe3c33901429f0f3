"""Legs per parcel: one row per group of lots that moved together on a leg.

The engine records what happens to a *parcel* — lots ``[lot_start, lot_stop)`` of
one flow and route — on each leg: a row per parcel, not per lot (a trip carries
a few parcels of many lots each). The parcel table keeps that form, with cargo
totals per row; :func:`expand_legs` turns it into the table with one row per lot
and leg, on request only (it is ~5× longer: 724,010 rows for varna, 6 M for
growth_2030 over six years).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.engine import RawResults
from corridor_sim.results.tables import by_lot_and_leg, categorical, expand

PARCEL_COLUMNS = ["lot_start", "lot_stop", "lots", "flow", "leg", "service", "from_node",
                  "to_node", "teu", "t", "ready_h", "depart_h", "arrive_h", "wait_h"]
_CATEGORICAL = ("flow", "service", "from_node", "to_node")


def _record_column(raw: RawResults, queued: np.ndarray, k: int) -> np.ndarray:
    """Column ``k`` of the finished leg records, then of the parcels queued for a leg
    at the end (arrive NaN), as one new array.

    Columns: start, stop, leg, ready_h, depart_h, arrive_h. Parcels in clearance
    have not reached their next leg and are left out (``queued`` holds the others'
    census rows). One column at a time: the records are never copied whole.
    """
    tail = queued[:, (0, 1, 3, 4, 5)[k]] if k < 5 else np.full(len(queued), np.nan)
    return np.concatenate([raw.legs[:, k], tail])


def _route_legs(raw: RawResults) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Service, from-node and to-node codes by (route, leg); -1 past a route's end."""
    max_legs = max((len(s) for s in raw.route_services), default=1)
    svc_of = np.full((max(len(raw.route_services), 1), max_legs), -1)
    frm = np.full_like(svc_of, -1)
    to = np.full_like(svc_of, -1)
    for r, (svcs, nodes) in enumerate(zip(raw.route_services, raw.route_nodes)):
        svc_of[r, : len(svcs)] = svcs
        frm[r, : len(svcs)] = nodes[:-1]
        to[r, : len(svcs)] = nodes[1:]
    return svc_of, frm, to


def leg_parcels_table(raw: RawResults) -> pd.DataFrame:
    """One row per parcel and leg reached, ordered by first lot then leg.

    ``lots``, ``teu`` and ``t`` are the parcel's count and totals; times are hours
    from the start (``arrive_h`` NaN for legs under way at the end).
    """
    live = raw.census.live
    queued = live[~np.isnan(live[:, 4])]
    start, leg = _record_column(raw, queued, 0), _record_column(raw, queued, 2)
    order = np.lexsort((leg, start))
    # each column sorted into an array of its own: the table holds no view of the records
    start, leg = (col[order].astype(np.int64) for col in (start, leg))
    stop = _record_column(raw, queued, 1)[order].astype(np.int64)
    ready, depart, arrive = (_record_column(raw, queued, k)[order] for k in range(3, 6))
    del queued, order
    n = stop - start  # parcels of more than 2**31 lots do not arise (int32 below)
    lots = raw.lots
    route = lots["route"][start] if len(start) else np.zeros(0, np.int64)
    svc_of, frm, to = _route_legs(raw)
    table: pd.DataFrame = pd.DataFrame({
        "lot_start": start,
        "lot_stop": stop,
        "lots": n.astype(np.int32),
        "flow": categorical(lots["flow"][start], raw.flow_names),
        "leg": leg.astype(np.int16),
        "service": categorical(svc_of[route, leg], raw.service_names),
        "from_node": categorical(frm[route, leg], raw.node_names),
        "to_node": categorical(to[route, leg], raw.node_names),
        "teu": lots["teu"][start] * n,
        "t": lots["t"][start] * n,
        "ready_h": ready,
        "depart_h": depart,
        "arrive_h": arrive,
        "wait_h": depart - ready,
    }, copy=False)
    return table


def expand_legs(parcels: pd.DataFrame, lots: pd.DataFrame) -> pd.DataFrame:
    """One row per lot and leg, ordered by lot then leg (columns of ``LEG_COLUMNS``).

    ``lots`` is the lots table (per-lot ``teu`` and ``t``). The result is the same,
    value for value, as a table built per lot and leg from the raw records.
    """
    which, lot_idx = expand(parcels["lot_start"].to_numpy(), parcels["lot_stop"].to_numpy())
    leg_idx = parcels["leg"].to_numpy().astype(np.int64)[which]
    which, lot_idx, leg_idx = by_lot_and_leg(which, lot_idx, leg_idx, len(lots))
    cols: dict[str, object] = {"lot": lot_idx}
    for name in ("flow", "leg", "service", "from_node", "to_node", "teu", "t", "ready_h",
                 "depart_h", "arrive_h", "wait_h"):
        if name in _CATEGORICAL:
            cat = parcels[name].array
            cols[name] = pd.Categorical.from_codes(cat.codes[which], dtype=cat.dtype)
        elif name == "leg":
            cols[name] = leg_idx
        elif name in ("teu", "t"):
            cols[name] = lots[name].to_numpy()[lot_idx]
        else:
            cols[name] = parcels[name].to_numpy()[which]
    table: pd.DataFrame = pd.DataFrame(cols, copy=False)
    return table


def lot_weighted_mean(values: np.ndarray, lots: np.ndarray, codes: np.ndarray,
                      categories: pd.Index) -> pd.Series:
    """Mean of ``values`` over lots (each parcel weighs its lots), by category code."""
    size = len(categories)
    total = np.bincount(codes, weights=values * lots, minlength=size)
    count = np.bincount(codes, weights=lots, minlength=size)
    has = np.flatnonzero(count)
    return pd.Series(total[has] / count[has], index=categories[has])


def previous_arrive_h(parcels: pd.DataFrame) -> np.ndarray:
    """Per row: when its lots arrived from their previous leg (NaN on a first leg).

    A parcel's lots moved together on the previous leg too, inside one parcel of
    that leg (parcels split, never merge), and the parcels of one leg cover
    disjoint lot ranges: the previous one is found by a binary search on the first
    lots of the previous leg's parcels, one leg at a time (no key over all rows).
    """
    start = parcels["lot_start"].to_numpy()
    stop = parcels["lot_stop"].to_numpy()
    leg = parcels["leg"].to_numpy()
    arrive = parcels["arrive_h"].to_numpy()
    out = np.full(len(start), np.nan)
    if not len(start):
        return out
    before = np.flatnonzero(leg == 0)
    for k in range(1, int(leg.max()) + 1):
        rows = np.flatnonzero(leg == k)
        _link_previous(out, rows, before, start, stop, arrive)
        before = rows
    return out


def _link_previous(out: np.ndarray, rows: np.ndarray, before: np.ndarray, start: np.ndarray,
                   stop: np.ndarray, arrive: np.ndarray) -> None:
    """Set ``out[rows]`` to the arrival of the parcel among rows ``before`` (the previous
    leg) holding each row's first lot: the last one starting at or before it, ties
    resolved to the later row."""
    if not len(rows) or not len(before):
        return
    cand = before[np.argsort(start[before], kind="stable")]
    first = start[rows]
    pos = np.searchsorted(start[cand], first, side="right") - 1
    prev = cand[np.maximum(pos, 0)]
    ok = (pos >= 0) & (stop[prev] > first)
    out[rows[ok]] = arrive[prev[ok]]
