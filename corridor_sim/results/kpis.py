"""KPIs over the measurement window, as a tidy table ``scope, name, metric, value, unit``.

Throughput of a service counts the cargo of trips that *departed* in the window;
of a node, the cargo that left it on a service plus the cargo delivered there;
of a group, the distinct lots that crossed it (``leg_sum_t``: the sum over its
services, which counts a lot once per leg); of a flow, the cargo delivered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.results.crossing import crossed, group_members
from corridor_sim.results.parcels import lot_weighted_mean, previous_arrive_h
from corridor_sim.results.tables import rows_by_name
from corridor_sim.scenario.calendar import HOURS_PER_YEAR
from corridor_sim.scenario.schema import Scenario

KPI_COLUMNS = ["scope", "name", "metric", "value", "unit"]
KpiRow = tuple[str, str, str, float, str]
"""One KPI: scope, name, metric, value, unit."""


def _rows(scope: str, name: str, values: dict[str, tuple[float, str]]) -> list[KpiRow]:
    return [(scope, name, metric, float(v), unit) for metric, (v, unit) in values.items()]


def in_window(values: pd.Series, t0_h: float, t1_h: float) -> pd.Series:
    """Boolean mask: ``t0_h <= value < t1_h``."""
    return (values >= t0_h) & (values < t1_h)


def service_kpis(scenario: Scenario, trips: pd.DataFrame, legs: pd.DataFrame,
                 edges_daily: pd.DataFrame, t0_h: float, t1_h: float) -> list[KpiRow]:
    """Throughput, trips, load factor, fleet utilization and waits per service.

    ``legs`` is the table of legs per parcel (:mod:`corridor_sim.results.parcels`):
    the mean wait is over lots, each parcel weighing its lots.
    """
    rows: list[KpiRow] = []
    win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
    of_service = rows_by_name(win["service"].array)
    day0, day1 = int(t0_h // 24), int(np.ceil(t1_h / 24))
    daily = edges_daily[(edges_daily["day"] >= day0) & (edges_daily["day"] < day1)]
    sums = daily.assign(vehicle_h=daily["vehicles"] * 24.0).groupby("service", observed=True)[
        ["vehicle_away_h", "vehicle_h"]].sum()
    util = sums["vehicle_away_h"] / sums["vehicle_h"].clip(lower=1e-9)
    closed = daily.groupby("service", observed=True)["closed_h"].sum() / 24.0
    mask = in_window(legs["depart_h"], t0_h, t1_h).to_numpy()
    svc = legs["service"].array
    wait = lot_weighted_mean(legs["wait_h"].to_numpy()[mask], legs["lots"].to_numpy()[mask],
                             svc.codes[mask], svc.categories)
    for name in scenario.services:
        mine = of_service(name)
        g = _rows_of(win, mine, ("t", "teu", "load_factor"))
        n = len(mine)
        rows += _rows("service", name, {
            "throughput_t": (g["t"].sum(), "t"),
            "throughput_teu": (g["teu"].sum(), "TEU"),
            "trips": (n, "trips"),
            "load_factor_mean": (g["load_factor"].mean() if n else 0.0, "fraction"),
            "fleet_utilization": (util.get(name, 0.0), "fraction"),
            "wait_h_mean": (wait.get(name, np.nan), "h"),
            "closed_days": (closed.get(name, 0.0), "days"),
        })
    return rows


def group_kpis(scenario: Scenario, trips: pd.DataFrame, legs: pd.DataFrame, t0_h: float,
               t1_h: float) -> list[KpiRow]:
    """Per edge group: what crossed it (each lot once) and the sum over its services."""
    rows: list[KpiRow] = []
    win = trips[in_window(trips["depart_h"], t0_h, t1_h)]
    groups = sorted({g for s in scenario.services.values() for g in s.groups})
    for group in groups:
        g = win[win["service"].isin(group_members(scenario, group))]
        t, teu = crossed(scenario, legs, group, t0_h, t1_h)
        rows += _rows("group", group, {
            "throughput_t": (t, "t"),
            "throughput_teu": (teu, "TEU"),
            "leg_sum_t": (g["t"].sum(), "t"),
            "leg_sum_teu": (g["teu"].sum(), "TEU"),
            "trips": (len(g), "trips"),
        })
    return rows


def node_kpis(scenario: Scenario, legs: pd.DataFrame, lots: pd.DataFrame,
              nodes_daily: pd.DataFrame, t0_h: float, t1_h: float) -> list[KpiRow]:
    """Throughput, berth and yard utilization, dwell and closures per node.

    ``legs`` is the table of legs per parcel (cargo totals per row).
    """
    rows: list[KpiRow] = []
    out = legs.loc[in_window(legs["depart_h"], t0_h, t1_h), ["from_node", "t", "teu"]].groupby(
        "from_node", observed=True)[["t", "teu"]].sum()
    fin = _delivered_at(scenario, lots, t0_h, t1_h)
    day0, day1 = int(t0_h // 24), int(np.ceil(t1_h / 24))
    daily = nodes_daily[(nodes_daily["day"] >= day0) & (nodes_daily["day"] < day1)]
    of_node = rows_by_name(daily["node"].array)
    stay = _node_stay(legs, t0_h, t1_h)
    for name, node in scenario.nodes.items():
        mine = of_node(name)
        d = _rows_of(daily, mine, ("berth_util", "yard_teu_util", "yard_t_util", "closed_h"))
        rows += _rows("node", name, {
            "throughput_t": (_get(out, name, "t") + _get(fin, name, "t"), "t"),
            "throughput_teu": (_get(out, name, "teu") + _get(fin, name, "teu"), "TEU"),
            "berth_utilization": (d["berth_util"].mean() if len(mine) else 0.0, "fraction"),
            "yard_teu_util_mean": (d["yard_teu_util"].mean() if node.yard_teu else 0.0, "fraction"),
            "yard_teu_util_max": (d["yard_teu_util"].max() if node.yard_teu else 0.0, "fraction"),
            "yard_t_util_mean": (d["yard_t_util"].mean() if node.yard_t else 0.0, "fraction"),
            "stay_h_mean": (stay.get(name, np.nan), "h"),
            "closed_days": (d["closed_h"].sum() / 24.0, "days"),
        })
    return rows


def _delivered_at(scenario: Scenario, lots: pd.DataFrame, t0_h: float, t1_h: float) -> pd.DataFrame:
    """Tonnes and TEU delivered in the window per destination node (the copy of the
    delivered lots is let go on return, before the next per-row step)."""
    delivered = lots.loc[in_window(lots["delivered_h"], t0_h, t1_h), ["flow", "t", "teu"]]
    dest = {name: f.destination for name, f in scenario.flows.items()}
    per_flow = delivered.groupby("flow", observed=True)[["t", "teu"]].sum()  # by code: no strings
    fin: pd.DataFrame = per_flow.groupby(per_flow.index.astype(str).map(dest))[["t", "teu"]].sum()
    return fin


def _get(df: pd.DataFrame, name: str, col: str) -> float:
    return float(df.loc[name, col]) if name in df.index else 0.0  # type: ignore[arg-type]


def _node_stay(legs: pd.DataFrame, t0_h: float, t1_h: float) -> pd.Series:
    """Mean hours lots stay at a node between arriving and leaving on their next leg.

    Over lots leaving in the window by a leg after their first; ``legs`` per parcel.
    """
    prev_arrive = previous_arrive_h(legs)
    depart = legs["depart_h"].to_numpy()
    mask = ~np.isnan(prev_arrive) & (depart >= t0_h) & (depart < t1_h)
    node = legs["from_node"].array  # grouped by category code: no string per row
    return lot_weighted_mean(depart[mask] - prev_arrive[mask], legs["lots"].to_numpy()[mask],
                             node.codes[mask], node.categories)


def flow_kpis(scenario: Scenario, lots: pd.DataFrame, route_cost_usd: dict[str, pd.Series],
              t0_h: float, t1_h: float) -> list[KpiRow]:
    """Created and delivered volume, transit days and cost per flow."""
    rows: list[KpiRow] = []
    # one flow's rows of the columns used at a time (the lots table has millions of rows)
    created = in_window(lots["created_h"], t0_h, t1_h).to_numpy()
    delivered = in_window(lots["delivered_h"], t0_h, t1_h).to_numpy()
    of_flow = rows_by_name(lots["flow"].array)
    for name in scenario.flows:
        mine = of_flow(name)
        c = _rows_of(lots, mine[created[mine]], ("t", "teu"))
        d = _rows_of(lots, mine[delivered[mine]], ("route", "t", "teu", "transit_days"))
        days = d["transit_days"]
        costs = route_cost_usd.get(name, pd.Series(dtype=float))
        cost = _route_cost(d["route"], costs)
        rows += _rows("flow", name, {
            "created_t": (c["t"].sum(), "t"),
            "created_teu": (c["teu"].sum(), "TEU"),
            "throughput_t": (d["t"].sum(), "t"),
            "throughput_teu": (d["teu"].sum(), "TEU"),
            "transit_days_mean": (days.mean() if len(days) else np.nan, "days"),
            "transit_days_p50": (float(days.quantile(0.5)) if len(days) else np.nan, "days"),
            "transit_days_p95": (float(days.quantile(0.95)) if len(days) else np.nan, "days"),
            "cost_usd_per_t": (cost.sum() / d["t"].sum() if len(days) else np.nan, "USD/t"),
            "cost_usd_per_teu": (cost.sum() / d["teu"].sum() if d["teu"].sum() else np.nan,
                                 "USD/TEU"),
        })
    return rows


def _rows_of(table: pd.DataFrame, rows: np.ndarray,
             columns: tuple[str, ...]) -> dict[str, pd.Series]:
    """The table's rows at ``rows``, in that order: one Series per column (no other column
    copied; the lots table has millions of rows)."""
    return {col: pd.Series(table[col].array[rows]) for col in columns}


def _route_cost(route: pd.Series, cost_by_label: pd.Series) -> pd.Series:
    """Cost of each lot's route (0 where unknown), looked up once per route, not per lot."""
    known = {label: float(cost) for label, cost in cost_by_label.items()}
    per_route = np.array([known.get(label, 0.0) for label in route.cat.categories], dtype=float)
    per_route[np.isnan(per_route)] = 0.0
    result: pd.Series = pd.Series(per_route[route.cat.codes.to_numpy()], index=route.index)
    return result


def annualise(window_h: float) -> float:
    """Factor turning a total over the window into a rate per year."""
    return HOURS_PER_YEAR / window_h
