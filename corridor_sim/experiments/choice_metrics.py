"""What a planner reads off one run of a route-choice scenario, for one destination.

Per replication, for the container flows bound for ``destination`` (lots created or
delivered in the measurement window):

- ``attracted_share`` — share of their TEU created on routes through a terminal of
  ``country`` (e.g. BG), 0–1;
- ``transit_days_mean`` and ``transit_days_p95`` of their delivered lots;
- ``cost_usd_per_teu`` — tariffs and fees per delivered TEU;
- ``cost_usd_per_t`` — the same for every flow bound for ``destination``, per tonne;
- ``emissions_g_per_tkm`` — well-to-wheel CO2e per t-km of the container flows;
- ``targets_met`` — 1 if every target of the scenario is met, else 0.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from corridor_sim.network.routing import Route
from corridor_sim.results import Results
from corridor_sim.results.costs import lot_cost_usd

METRICS = ("attracted_share", "transit_days_mean", "transit_days_p95", "cost_usd_per_teu",
           "cost_usd_per_t", "emissions_g_per_tkm", "targets_met")


def country_routes(r: Results, routes: dict[str, tuple[Route, ...]], country: str) -> set[str]:
    """Labels of the routes that pass a terminal of ``country``."""
    nodes = {k for k, n in r.scenario.nodes.items() if n.country == country}
    return {rt.label for opts in routes.values() for rt in opts if nodes & set(rt.nodes)}


def _lot_costs(r: Results, routes: dict[str, tuple[Route, ...]], lots: pd.DataFrame) -> float:
    per = {(f, rt.label): lot_cost_usd(r.scenario, r.scenario.flows[f], rt)
           for f, opts in routes.items() for rt in opts}
    keys = zip(lots["flow"].astype(str), lots["route"].astype(str))
    return float(sum(per.get(k, 0.0) for k in keys))


def run_metrics(r: Results, routes: dict[str, tuple[Route, ...]], destination: str,
                country: str) -> dict[str, float]:
    """The :data:`METRICS` of one run."""
    s = r.scenario
    t0, t1 = r.meta["window_h"]
    bound = [k for k, f in s.flows.items() if f.destination == destination]
    boxes = [k for k in bound if s.flows[k].cargo == "container"]
    lots = r.lots
    created = lots[lots["flow"].isin(boxes) & (lots["created_h"] >= t0) & (lots["created_h"] < t1)]
    dl = lots[lots["flow"].isin(bound) & (lots["delivered_h"] >= t0) & (lots["delivered_h"] < t1)]
    dc = dl[dl["flow"].isin(boxes)]
    via = created["route"].astype(str).isin(country_routes(r, routes, country))
    k = r.kpis[(r.kpis["scope"] == "flow") & r.kpis["name"].isin(boxes)]
    em = k[k["metric"] == "emissions_t_co2e"]["value"].sum()
    tkm = k[k["metric"] == "transport_tkm"]["value"].sum()
    days = dc["transit_days"]
    return {
        "attracted_share": float(created.loc[via, "teu"].sum() / created["teu"].sum())
        if len(created) else math.nan,
        "transit_days_mean": float(days.mean()) if len(dc) else math.nan,
        "transit_days_p95": float(days.quantile(0.95)) if len(dc) else math.nan,
        "cost_usd_per_teu": _lot_costs(r, routes, dc) / float(dc["teu"].sum())
        if len(dc) else math.nan,
        "cost_usd_per_t": _lot_costs(r, routes, dl) / float(dl["t"].sum()) if len(dl) else math.nan,
        "emissions_g_per_tkm": float(em * 1e6 / tkm) if tkm > 0 else math.nan,
        "targets_met": float(bool(np.all(r.targets["met"]))) if len(r.targets) else math.nan,
    }
