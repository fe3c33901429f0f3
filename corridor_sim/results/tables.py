"""Raw engine records → pandas tables with fixed columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from corridor_sim.engine import RawResults
from corridor_sim.engine.run import STATES

LOT_COLUMNS = ["lot", "flow", "cargo", "route", "teu", "t", "created_h", "delivered_h",
               "transit_days", "status"]
LEG_COLUMNS = ["lot", "flow", "leg", "service", "from_node", "to_node", "teu", "t",
               "ready_h", "depart_h", "arrive_h", "wait_h"]
TRIP_COLUMNS = ["service", "vehicle", "call_h", "load_start_h", "depart_h", "arrive_h",
                "unloaded_h", "teu", "t", "lots", "cap_teu", "cap_t", "load_factor", "fleet",
                "operator", "wagons"]
NODE_DAILY_COLUMNS = ["day", "date", "node", "yard_teu", "yard_t", "yard_teu_util",
                      "yard_t_util", "berth_busy_h", "berth_util", "closed_h"]
EDGE_DAILY_COLUMNS = ["day", "date", "service", "queue_teu", "queue_t", "queue_lots", "vehicles",
                      "vehicle_away_h", "fleet_util", "closed_h", "departures", "t", "teu"]


def categorical(codes: np.ndarray, names: list[str]) -> pd.Categorical:
    """Names by integer code as a pandas Categorical (compact and fast to group).

    Repeated names (two flows on the same route) share one category.
    """
    unique = list(dict.fromkeys(names))
    remap = np.array([unique.index(n) for n in names] or [0], dtype=np.int64)
    return pd.Categorical.from_codes(remap[np.asarray(codes, dtype=np.int64)], categories=pd.Index(unique))


def rows_by_name(cat: pd.Categorical) -> Callable[[str], np.ndarray]:
    """A function giving the rows (in table order) whose category is a name.

    One stable sort by category code serves every name: each name's rows come in the
    order a group-by or a mask would give them, so a sum over them runs over the same
    values in the same order. A name that is not a category has no rows.
    """
    codes = np.asarray(cat.codes, dtype=np.int64)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    index = {name: i for i, name in enumerate(cat.categories)}

    def rows(name: str) -> np.ndarray:
        code = index.get(name, -2)  # no row has code -2 (missing values are -1)
        lo, hi = np.searchsorted(sorted_codes, [code, code + 1])
        result: np.ndarray = order[lo:hi]
        return result

    return rows


def expand(start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand row ranges ``[start, stop)``: (index of the range, row) for every row covered."""
    start = start.astype(np.int64)
    lengths = stop.astype(np.int64) - start
    which = np.repeat(np.arange(len(start)), lengths)
    offset = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return which, start[which] + offset


def lot_status(raw: RawResults) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per lot: delivered hour (NaN if not), status code (-1 if found nowhere), and how many
    times the lot was found among delivered records and live parcels (1 when all is well)."""
    n = len(raw.lots["flow"])
    n_legs = np.array([len(s) for s in raw.route_services], dtype=int)
    legs = raw.legs
    route_of_rec = raw.lots["route"][legs[:, 0].astype(int)] if len(legs) else np.zeros(0, int)
    last = legs[legs[:, 2] == n_legs[route_of_rec] - 1] if len(legs) else legs
    delivered_h = np.full(n, np.nan)
    status = np.full(n, -1, dtype=np.int8)
    found = np.zeros(n, dtype=np.int64)
    which, rows = expand(last[:, 0], last[:, 1])
    delivered_h[rows] = last[which, 5]
    status[rows] = STATES["delivered"]
    np.add.at(found, rows, 1)
    live = raw.census.live
    which, rows = expand(live[:, 0], live[:, 1])
    status[rows] = live[which, 2].astype(np.int8)
    np.add.at(found, rows, 1)
    return delivered_h, status, found


def lots_table(raw: RawResults, cargo_of_flow: Mapping[str, str],
               status_of_lots: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
               ) -> pd.DataFrame:
    """One row per lot: flow, class, size, created/delivered hours, transit days, status.

    ``status_of_lots`` is :func:`lot_status` of ``raw`` if already computed.
    """
    lots = raw.lots
    delivered_h, status, _ = status_of_lots or lot_status(raw)
    status_names = [*sorted(STATES, key=STATES.__getitem__), "lost"]
    status_codes = np.where(status < 0, len(status_names) - 1, status)
    cargo_names = sorted(set(cargo_of_flow.values()))
    flow_cargo = np.array([cargo_names.index(cargo_of_flow[f]) for f in raw.flow_names] or [0])
    df: pd.DataFrame = pd.DataFrame({
        "lot": np.arange(len(lots["flow"])),
        "flow": categorical(lots["flow"], raw.flow_names),
        "cargo": categorical(flow_cargo[lots["flow"]], cargo_names),
        "route": categorical(lots["route"], raw.route_labels),
        "teu": lots["teu"],
        "t": lots["t"],
        "created_h": lots["created_h"],
        "delivered_h": delivered_h,
        "transit_days": (delivered_h - lots["created_h"]) / 24.0,
        "status": categorical(status_codes, status_names),
    }, copy=False)
    return df  # columns already in LOT_COLUMNS order (df[LOT_COLUMNS] would copy)


def by_lot_and_leg(which: np.ndarray, lot: np.ndarray, leg: np.ndarray,
                   n_lots: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three arrays reordered by lot, then leg (what ``np.lexsort((leg, lot))`` gives).

    A lot reaches its legs in turn, so its records hold the legs 0 .. k-1 once each:
    row (lot, leg) goes to ``first row of the lot + leg``, found in linear time. Should
    the records ever break that rule, the sort is done the slow way.
    """
    counts = np.bincount(lot, minlength=n_lots)
    first = np.cumsum(counts) - counts
    pos = first[lot] + leg
    n = len(lot)
    if n and (leg.min() < 0 or not np.array_equal(np.bincount(pos, minlength=n), np.ones(n, np.int64))):
        order = np.lexsort((leg, lot))
        return which[order], lot[order], leg[order]
    out_which = np.empty_like(which)
    out_which[pos] = which
    out_lot = np.repeat(np.arange(n_lots, dtype=lot.dtype), counts)
    out_leg = np.arange(n, dtype=leg.dtype) - np.repeat(first, counts).astype(leg.dtype)
    return out_which, out_lot, out_leg


def trips_table(raw: RawResults) -> pd.DataFrame:
    """One row per vehicle trip (hours from the start; load factor of the binding dimension)."""
    df = pd.DataFrame(raw.trips, columns=list(raw.trip_columns))
    df["service"] = categorical(df["service"].to_numpy().astype(int), raw.service_names)
    df["fleet"] = categorical(df["fleet"].to_numpy().astype(int), raw.service_names)
    ops = df["operator"].to_numpy().astype(int)
    df["operator"] = categorical(np.where(ops < 0, len(raw.operator_names), ops),
                                 [*raw.operator_names, ""])
    for col in ("vehicle", "lots"):
        df[col] = df[col].astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        f_teu = np.where(df["cap_teu"] > 0, df["teu"] / df["cap_teu"], 0.0)
        f_t = np.where(np.isfinite(df["cap_t"]) & (df["cap_t"] > 0), df["t"] / df["cap_t"], 0.0)
    df["load_factor"] = np.maximum(f_teu, f_t)
    result: pd.DataFrame = df[TRIP_COLUMNS]
    return result


def _dates(start: dt.date, days: int) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(start), periods=days, freq="D")


def nodes_daily(raw: RawResults, start: dt.date, yards: dict[str, tuple[float, float]]) -> pd.DataFrame:
    """Per node and day: yard levels and utilization, berth-hours busy and utilization."""
    nd = raw.node_daily
    days, n_nodes = nd["yard_teu"].shape
    day = np.repeat(np.arange(days), n_nodes)
    cap_teu = np.tile([yards[n][0] for n in raw.node_names], days)
    cap_t = np.tile([yards[n][1] for n in raw.node_names], days)
    if "yard_teu_cap" in nd:  # the capacity in force that day (the timeline may change it)
        cap_teu = np.where(np.isinf(nd["yard_teu_cap"]), np.nan, nd["yard_teu_cap"]).ravel()
        cap_t = np.where(np.isinf(nd["yard_t_cap"]), np.nan, nd["yard_t_cap"]).ravel()
    hours = np.repeat(_day_hours(raw, days), n_nodes)
    df = pd.DataFrame({
        "day": day,
        "date": np.repeat(_dates(start, days), n_nodes),
        "node": categorical(np.tile(np.arange(n_nodes), days), raw.node_names),
        "yard_teu": nd["yard_teu"].ravel(),
        "yard_t": nd["yard_t"].ravel(),
        "yard_teu_util": nd["yard_teu"].ravel() / cap_teu,
        "yard_t_util": nd["yard_t"].ravel() / cap_t,
        "berth_busy_h": nd["berth_busy_h"].ravel(),
        "berth_util": nd["berth_busy_h"].ravel() / (nd["berths"].ravel() * hours),
        "closed_h": nd["closed_h"].ravel(),
    })
    result: pd.DataFrame = df[NODE_DAILY_COLUMNS]
    return result


def _day_hours(raw: RawResults, days: int) -> np.ndarray:
    hours = np.full(days, 24.0)
    hours[-1] = raw.horizon_h - 24.0 * (days - 1)
    return hours


def edges_daily(raw: RawResults, start: dt.date, trips: pd.DataFrame) -> pd.DataFrame:
    """Per service and day: queue, fleet away-hours and utilization, departures and cargo."""
    sd = raw.service_daily
    days, n_svc = sd["queue_teu"].shape
    hours = np.repeat(_day_hours(raw, days), n_svc)
    df = pd.DataFrame({
        "day": np.repeat(np.arange(days), n_svc),
        "date": np.repeat(_dates(start, days), n_svc),
        "service": categorical(np.tile(np.arange(n_svc), days), raw.service_names),
        "queue_teu": sd["queue_teu"].ravel(),
        "queue_t": sd["queue_t"].ravel(),
        "queue_lots": sd["queue_lots"].ravel().astype(int),
        "vehicles": sd["vehicles"].ravel().astype(int),
        "vehicle_away_h": sd["vehicle_away_h"].ravel(),
        "closed_h": sd["closed_h"].ravel(),
    })
    with np.errstate(divide="ignore", invalid="ignore"):
        util = df["vehicle_away_h"].to_numpy() / (df["vehicles"].to_numpy() * hours)
    df["fleet_util"] = np.where(df["vehicles"] > 0, util, 0.0)
    for name, column in _departures_by_day(trips, days, n_svc).items():
        df[name] = column
    result: pd.DataFrame = df[EDGE_DAILY_COLUMNS]
    return result


def _departures_by_day(trips: pd.DataFrame, days: int, n_svc: int) -> dict[str, np.ndarray]:
    """Departures and their tonnes and TEU per (day, service), in the daily table's row order.

    Row ``day * n_svc + service code``, as :func:`edges_daily` lays them out; 0 where
    nothing departed, and trips departing after the last day are left out. One group-by
    on that row number: each sum runs over a cell's trips in trip order, as a group-by
    on the day and the service would.
    """
    day = (trips["depart_h"].to_numpy() // 24).astype(np.int64)
    ok = (day >= 0) & (day < days)
    row = day[ok] * n_svc + np.asarray(trips["service"].array.codes, dtype=np.int64)[ok]
    cells = pd.DataFrame({"t": trips["t"].to_numpy()[ok], "teu": trips["teu"].to_numpy()[ok]},
                         copy=False).groupby(row)
    sums, count = cells.sum(), cells.size()
    out = {"departures": np.zeros(days * n_svc, dtype=np.int64),
           "t": np.zeros(days * n_svc), "teu": np.zeros(days * n_svc)}
    at = sums.index.to_numpy()
    out["departures"][at] = count.to_numpy()
    out["t"][at] = sums["t"].to_numpy()
    out["teu"][at] = sums["teu"].to_numpy()
    return out
