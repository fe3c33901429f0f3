"""The Results of one run: fixed-column DataFrames, KPIs, targets and provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.engine import Census, RawResults
from corridor_sim.network.routing import Route
from corridor_sim.results import tables
from corridor_sim.results.conservation import check_conservation, conservation_table
from corridor_sim.results.costs import route_costs
from corridor_sim.results.emissions import emission_kpis
from corridor_sim.results.fleet_kpis import (
    balance_kpis,
    operator_kpis,
    railcar_kpis,
    return_kpis,
)
from corridor_sim.results.kpis import (
    KPI_COLUMNS,
    flow_kpis,
    group_kpis,
    node_kpis,
    service_kpis,
)
from corridor_sim.results.monthly import monthly_table
from corridor_sim.results.parcels import expand_legs, leg_parcels_table
from corridor_sim.results.targets import target_table
from corridor_sim.results.terminal_kpis import terminal_kpis
from corridor_sim.scenario.schema import Scenario


@dataclass
class Results:
    """Everything one simulation run produced.

    Attributes
    ----------
    scenario : Scenario
        The scenario that was run.
    lots, leg_parcels, trips, nodes_daily, edges_daily : pandas.DataFrame
        Record tables (times in hours from ``scenario.run.start``); ``leg_parcels``
        has one row per parcel (lots that moved together) and leg, with the lot
        range and cargo totals. :attr:`legs` expands it per lot and leg on request.
    kpis : pandas.DataFrame
        Columns ``scope, name, metric, value, unit`` over the measurement window.
    targets : pandas.DataFrame
        One row per target with ``value`` and ``met``.
    conservation : pandas.DataFrame
        Created vs delivered + in transit + waiting per flow.
    monthly : pandas.DataFrame
        Tonnes, TEU and trips per calendar month for every group and terminal
        (:func:`corridor_sim.results.monthly.monthly_table`), built on first use.
    meta : dict
        Provenance: scenario name and hash, seed, package version, events, window.
    """

    scenario: Scenario
    lots: pd.DataFrame
    leg_parcels: pd.DataFrame
    trips: pd.DataFrame
    nodes_daily: pd.DataFrame
    edges_daily: pd.DataFrame
    kpis: pd.DataFrame
    targets: pd.DataFrame
    conservation: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    _monthly: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    _legs: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    @property
    def monthly(self) -> pd.DataFrame:
        """Tonnes, TEU and trips per calendar month (``monthly.MONTHLY_COLUMNS``), built
        from :attr:`trips` and :attr:`lots` on first use and kept: a run whose months
        nobody reads (a replication of an experiment) does not pay for them."""
        if self._monthly is None:
            self._monthly = monthly_table(self.scenario, self.trips, self.lots)
        return self._monthly

    @property
    def legs(self) -> pd.DataFrame:
        """One row per lot and leg (columns ``LEG_COLUMNS``), expanded from
        :attr:`leg_parcels` on first use and kept (several times its size)."""
        if self._legs is None:
            self._legs = expand_legs(self.leg_parcels, self.lots)
        return self._legs

    def kpi(self, scope: str, name: str, metric: str) -> float:
        """One KPI value (NaN if absent)."""
        k = self.kpis
        row = k[(k["scope"] == scope) & (k["name"] == name) & (k["metric"] == metric)]
        return float(row["value"].iloc[0]) if len(row) else float("nan")

    def kpi_table(self, scope: str, metrics: list[str] | None = None) -> pd.DataFrame:
        """KPIs of one scope as a wide table: one row per element, one column per metric."""
        k = self.kpis[self.kpis["scope"] == scope]
        wide = k.pivot(index="name", columns="metric", values="value")
        result: pd.DataFrame = wide[metrics] if metrics else wide
        return result

    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name (for export); ``legs`` per parcel (see :attr:`leg_parcels`)."""
        return {"lots": self.lots, "legs": self.leg_parcels, "trips": self.trips,
                "nodes_daily": self.nodes_daily, "edges_daily": self.edges_daily,
                "kpis": self.kpis, "targets": self.targets, "conservation": self.conservation,
                "monthly": self.monthly}

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary: provenance, targets, groups, ports, flows."""
        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict("records")]
        return {
            "meta": self.meta,
            "targets": records(self.targets),
            "groups": _wide_records(self.kpi_table("group")),
            "nodes": _wide_records(self.kpi_table("node")),
            "services": _wide_records(self.kpi_table("service")),
            "flows": _wide_records(self.kpi_table("flow")),
            "total": _wide_records(self.kpi_table("total")).get("all", {}),
            "conservation_ok": bool(self.conservation["ok"].all()),
        }


def _plain(v: Any) -> Any:
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    return v


def _wide_records(wide: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(name): {str(k): _plain(v) for k, v in row.to_dict().items()}
            for name, row in wide.iterrows()}


def build_results(raw: RawResults, scenario: Scenario, routes: dict[str, tuple[Route, ...]],
                  meta: dict[str, Any], consume: bool = False) -> Results:
    """Turn raw records into tables and KPIs, and check conservation.

    With ``consume``, the per-leg records, census and per-lot arrays of ``raw`` are let
    go as soon as the lot and leg tables are built (``raw.legs`` and ``raw.census``
    empty, ``raw.lots`` without the columns no table shares), the trip records once
    the trips table is (``raw.trips`` empty): the run's peak memory is lower, and
    ``raw`` is not to be used afterwards. The results are the same.

    Raises
    ------
    ConservationError
        If any flow's cargo does not add up.
    """
    cargo = {n: f.cargo for n, f in scenario.flows.items()}
    status = tables.lot_status(raw)
    legs = leg_parcels_table(raw)  # before the lots table: the leg records go first
    if consume:
        raw.legs = np.empty((0, raw.legs.shape[1]))  # not a view: the rows are freed
        raw.census = Census(np.empty((0, raw.census.live.shape[1])))
    lots = tables.lots_table(raw, cargo, status)
    conservation = conservation_table(raw, lots, status[2])
    del status
    if consume:
        raw.lots = {k: v for k, v in raw.lots.items() if k in ("teu", "t", "created_h")}
    trips = tables.trips_table(raw)
    if consume:
        raw.trips = np.empty((0, raw.trips.shape[1]))
    yards = {n: (nd.yard_teu or np.nan, nd.yard_t or np.nan) for n, nd in scenario.nodes.items()}
    nodes_daily = tables.nodes_daily(raw, scenario.run.start, yards)
    edges_daily = tables.edges_daily(raw, scenario.run.start, trips)
    t0, t1 = raw.warmup_h, raw.horizon_h
    rows = [
        *group_kpis(scenario, trips, legs, t0, t1),
        *service_kpis(scenario, trips, legs, edges_daily, t0, t1),
        *(node_rows := node_kpis(scenario, legs, lots, nodes_daily, t0, t1)),
        *terminal_kpis(scenario, raw.background, raw.background_names, node_rows, t0, t1),
        *flow_kpis(scenario, lots, route_costs(scenario, routes), t0, t1),
        *emission_kpis(scenario, legs, t0, t1),
        *return_kpis(scenario, raw.returns, raw.service_names, t0, t1),
        *balance_kpis(scenario, trips, t0, t1),
        *railcar_kpis(scenario, trips, t0, t1),
        *operator_kpis(trips, t0, t1),
    ]
    kpis = pd.DataFrame(rows, columns=KPI_COLUMNS)
    targets = target_table(scenario, trips, legs, lots, t0, t1)
    check_conservation(conservation)
    meta = {**meta, "events": raw.n_events, "window_h": [t0, t1], "lots": len(lots),
            "trips": len(trips)}
    return Results(scenario, lots, legs, trips, nodes_daily, edges_daily, kpis, targets,
                   conservation, meta)
