"""Compare route-choice scenarios at their congestion fixed points, with intervals.

For each scenario: find the shares at the fixed point (:func:`equilibrate`, seeds of
root ``eq_seed``), then replicate the equilibrated scenario ``replications`` times on
seeds of root ``seed`` (never used by the fixed point; the same seeds for every
scenario, so differences are paired: common random numbers) and summarise the
:data:`~corridor_sim.experiments.choice_metrics.METRICS` with 95 % t intervals
(P(targets) with a Wilson interval). Differences against the first scenario are
paired t intervals; ``significant`` means the interval excludes zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from corridor_sim.api import simulate
from corridor_sim.capacity import capacity_bounds
from corridor_sim.experiments.assignment import Assignment, choosing_flows, equilibrate
from corridor_sim.experiments.choice_metrics import METRICS, run_metrics
from corridor_sim.experiments.choice_sensitivity import (
    SIMULATED_COLUMNS,
    simulated_scale_sensitivity,
)
from corridor_sim.experiments.replications import replication_seed
from corridor_sim.experiments.stats import mean_ci, paired_differences, wilson
from corridor_sim.network import resolve_routes
from corridor_sim.network.choice import a_priori_costs, alternatives, shares_for
from corridor_sim.scenario import Scenario, load_scenario, scenario_hash
from corridor_sim.scenario.schema import RouteChoice

Progress = Callable[[str], None]
SUMMARY_COLUMNS = ["scenario", "metric", "mean", "ci_low", "ci_high", "n"]
SHARES_OF_DEMAND = (0.10, 0.25, 0.50)
SCALES_PER_USD_T = (0.02, 0.05, 0.1, 0.2, 0.5)


@dataclass
class ChoiceComparison:
    """Fixed points, replicated metrics, paired differences and capacity needs.

    Attributes
    ----------
    summary : DataFrame
        :data:`SUMMARY_COLUMNS` per scenario and metric.
    paired : DataFrame
        Differences against the first scenario (``scenario`` column added).
    runs : DataFrame
        ``scenario, replication, metric, value``.
    sensitivity : DataFrame
        A-priori share through ``country`` per logit scale (last scenario's input).
    sensitivity_simulated : DataFrame
        Simulated attracted share at the fixed point per logit scale (last scenario;
        :data:`~corridor_sim.experiments.choice_sensitivity.SIMULATED_COLUMNS` and
        ``replications_from``: ``"comparison"`` for the scale the scenario itself uses,
        ``"sensitivity"`` for the extra scales); empty unless scales were asked for.
    capacity : DataFrame
        Per line or terminal of ``country``: capacity TEU/yr and what 10/25/50 % of the
        destination's containers would need.
    assignments : dict
        Label → the fixed point.
    meta : dict
        Input and equilibrated scenario hashes, seeds, counts, destination, country.
    """

    summary: pd.DataFrame
    paired: pd.DataFrame
    runs: pd.DataFrame
    sensitivity: pd.DataFrame
    capacity: pd.DataFrame
    assignments: dict[str, Assignment]
    meta: dict[str, Any] = field(default_factory=dict)
    sensitivity_simulated: pd.DataFrame = field(default_factory=pd.DataFrame)


def _replicate(label: str, s: Scenario, n: int, seed: int, destination: str,
               country: str) -> list[tuple[str, int, str, float]]:
    routes = resolve_routes(s)
    rows = []
    for i in range(n):
        m = run_metrics(simulate(s, seed=replication_seed(seed, i)), routes, destination, country)
        rows += [(label, i, k, v) for k, v in m.items()]
    return rows


def _summary(runs: pd.DataFrame) -> pd.DataFrame:
    rows: list[tuple[object, ...]] = []
    for (label, metric), g in runs.groupby(["scenario", "metric"], sort=False):
        if metric == "targets_met":
            p, lo, hi = wilson(int(g["value"].sum()), len(g))
            rows.append((label, metric, p, lo, hi, len(g)))
            continue
        mean, _, lo, hi, n = mean_ci(g["value"].to_numpy())
        rows.append((label, metric, mean, lo, hi, n))
    table: pd.DataFrame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    return table


def _paired(runs: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    def long(label: str) -> pd.DataFrame:
        g = runs[runs["scenario"] == label]
        frame: pd.DataFrame = pd.DataFrame({"replication": g["replication"], "scope": "choice",
                                            "name": "all", "metric": g["metric"],
                                            "value": g["value"]})
        return frame
    parts = [paired_differences(long(labels[0]), long(b)).assign(scenario=b) for b in labels[1:]]
    both: pd.DataFrame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return both


def scale_sensitivity(s: Scenario, country: str,
                      scales: Sequence[float] = SCALES_PER_USD_T) -> pd.DataFrame:
    """A-priori (timetable, no congestion) share of each choosing flow through ``country``
    for each logit scale: ``flow, scale_per_usd_t, share``."""
    bg = {k for k, n in s.nodes.items() if n.country == country}
    rows = []
    for key in choosing_flows(s):
        routes = alternatives(s, key)
        costs = a_priori_costs(s, key, routes)
        rc = s.flows[key].route
        assert isinstance(rc, RouteChoice)
        for theta in scales:
            t = s.model_copy(deep=True)
            t.flows[key].route = rc.model_copy(update={"scale_per_usd_t": theta, "shares": None})
            shares = shares_for(t, key, routes, costs)
            rows.append((key, theta, float(sum(x for r, x in zip(routes, shares)
                                               if bg & set(r.nodes)))))
    table: pd.DataFrame = pd.DataFrame(rows, columns=["flow", "scale_per_usd_t", "share"])
    return table


def _reporter(say: Progress, label: str) -> Callable[[int, float], None]:
    def report(k: int, gap: float) -> None:
        say(f"{label}: iteration {k}, gap {gap:.3f}")
    return report


def capacity_needs(s: Scenario, destination: str, country: str) -> pd.DataFrame:
    """Capacity (TEU/yr) of each line and terminal of ``country`` on a route of the
    scenario that carries containers, against 10/25/50 % of the containers bound for
    ``destination`` (base-year TEU/yr)."""
    demand_teu = sum(f.lots_per_year * f.lot_teu for f in s.flows.values()
                     if f.enabled and f.destination == destination and f.cargo == "container")
    used = {(svc, n) for opts in resolve_routes(s).values() for r in opts
            for svc, n in zip(r.services, r.nodes[1:])}
    bg = {n for _, n in used if s.nodes[n].country == country}
    lines = {svc for svc, _ in used
             if (s.services[svc].from_ in bg or s.services[svc].to in bg)
             and s.services[svc].carries("container")}
    el = capacity_bounds(s).elements
    el = el[((el["element_kind"] == "service") & el["name"].isin(lines))
            | ((el["element_kind"] != "service") & el["name"].isin(bg))]
    el = el[el["capacity_teu_per_year"] < float("inf")]  # unbounded elements never bind
    out = el[["label", "capacity_teu_per_year"]].copy()
    for p in SHARES_OF_DEMAND:
        out[f"need_teu_{int(p * 100)}pct"] = p * demand_teu
        out[f"times_{int(p * 100)}pct"] = p * demand_teu / out["capacity_teu_per_year"]
    needs: pd.DataFrame = out.assign(demand_teu_per_year=demand_teu).reset_index(drop=True)
    return needs


def _own_scale_row(c: ChoiceComparison, label: str, s: Scenario) -> pd.DataFrame:
    """The comparison's own attracted share of ``label`` as a sensitivity row, when every
    choosing flow of ``s`` has the same scale (else empty)."""
    scales = {r.scale_per_usd_t for k in choosing_flows(s)
              if isinstance(r := s.flows[k].route, RouteChoice)}
    row = c.summary[(c.summary["scenario"] == label) & (c.summary["metric"] == "attracted_share")]
    if len(scales) != 1 or row.empty:
        empty: pd.DataFrame = pd.DataFrame(columns=SIMULATED_COLUMNS)
        return empty
    a = c.assignments[label]
    r = row.iloc[0]
    own: pd.DataFrame = pd.DataFrame([(scales.pop(), r["mean"], r["ci_low"], r["ci_high"], r["n"],
                                       len(a.gaps), a.stopped_by)], columns=SIMULATED_COLUMNS)
    tagged: pd.DataFrame = own.assign(replications_from="comparison")
    return tagged


def compare_choice(paths: Sequence[str | Path | Scenario], replications: int = 10, seed: int = 1000,
                   eq_replications: int = 2, iterations: int = 8, tol: float = 0.02,
                   eq_seed: int = 0, destination: str = "eu", country: str = "BG",
                   progress: Progress | None = None,
                   method: Literal["msa", "sra"] = "sra",
                   sensitivity_scales: Sequence[float] = (),
                   sensitivity_replications: int = 3) -> ChoiceComparison:
    """Fixed point, replications and paired comparison of route-choice scenarios.

    The first path (or Scenario: labelled by its name) is the reference of the paired
    differences; the capacity table and the scale sensitivity are those of the last (e.g.
    the scenario with every option). With ``sensitivity_scales`` the last scenario's fixed
    point is found again at each of those logit scales and replicated
    ``sensitivity_replications`` times (:mod:`choice_sensitivity`).
    """
    say = progress or (lambda _msg: None)
    rows: list[tuple[str, int, str, float]] = []
    assignments: dict[str, Assignment] = {}
    hashes: dict[str, dict[str, str]] = {}
    labels = []
    loaded = [(p.name, p) if isinstance(p, Scenario) else (Path(p).stem, load_scenario(p))
              for p in paths]
    for label, s in loaded:
        labels.append(label)
        a = equilibrate(s, eq_replications, iterations, tol, eq_seed,
                        on_iteration=_reporter(say, label), method=method)
        assignments[label] = a
        hashes[label] = {"input": scenario_hash(s), "equilibrium": scenario_hash(a.scenario)}
        rows += _replicate(label, a.scenario, replications, seed, destination, country)
        say(f"{label}: {replications} replications done")
    runs = pd.DataFrame(rows, columns=["scenario", "replication", "metric", "value"])
    last = assignments[labels[-1]].scenario
    sensitivity = scale_sensitivity(loaded[-1][1], country)
    meta = {"hashes": hashes, "seed": seed, "eq_seed": eq_seed, "replications": replications,
            "eq_replications": eq_replications, "iterations": iterations, "tol": tol,
            "destination": destination, "country": country, "method": method, "metrics": list(METRICS),
            "paths": [p.name if isinstance(p, Scenario) else str(p) for p in paths],
            "sensitivity_replications": sensitivity_replications}
    c = ChoiceComparison(_summary(runs), _paired(runs, labels), runs, sensitivity,
                         capacity_needs(last, destination, country), assignments, meta)
    if sensitivity_scales:
        extra = simulated_scale_sensitivity(
            loaded[-1][1], sensitivity_scales, sensitivity_replications, seed, eq_replications,
            iterations, tol, eq_seed, destination, country, method, say)
        parts = [_own_scale_row(c, labels[-1], loaded[-1][1]),
                 extra.assign(replications_from="sensitivity")]
        both = pd.concat([x for x in parts if not x.empty], ignore_index=True)
        c.sensitivity_simulated = both.sort_values("scale_per_usd_t", kind="stable",
                                                   ignore_index=True)
    return c
