"""The bottleneck view of a simulation run: utilization against static capacity, queue growth.

For each element of the static capacity table, the cargo the run moved in its
measurement window (annualised) is put on the same resource rows as the demand in
:func:`corridor_sim.capacity.capacity_bounds`, so ``utilization_simulated`` is
directly comparable with the static ``utilization`` (and can never exceed 1 by
more than the edge effects of a finite window). ``busy_fraction`` is what the run
measured: the fleet's share of vehicle-hours away (services), the berths' share of
berth-hours busy (terminals).

Queue growth is the least-squares slope of the daily end-of-day queue over the
window (``results.edges_daily``): a service's own queue, and for a terminal the
queues of the services leaving it (cargo waiting there). ``queue_growing`` flags an
element whose queue rose over the window by more than a week of its capacity: a
stable queue only fluctuates by a few departures, a saturated one keeps rising.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.capacity.bounds import CapacityReport, capacity_bounds
from corridor_sim.capacity.loads import UNIT_KEYS, LoadVec, t_of, teu_of
from corridor_sim.capacity.scale import TABLE_MEASURE
from corridor_sim.results import Results
from corridor_sim.results.tables import categorical
from corridor_sim.scenario.calendar import HOURS_PER_YEAR

WEEKS_PER_YEAR = 365.25 / 7.0
COLUMNS = ["element_kind", "name", "label", "capacity_t_per_year", "capacity_teu_per_year",
           "throughput_t_per_year", "throughput_teu_per_year", "utilization_static",
           "utilization_simulated", "busy_fraction", "queue_growth_t_per_day",
           "queue_growth_teu_per_day", "queue_growing"]


def _vectors(df: pd.DataFrame, by: str, per_year: float) -> dict[str, LoadVec]:
    """Load vectors per value of column ``by`` (cargo column: the class).

    Only the columns summed go into the groups (a run has millions of parcel legs).
    """
    out: dict[str, LoadVec] = {}
    for (key, cargo), g in df[[by, "cargo", "teu", "t"]].groupby([by, "cargo"], observed=True):
        vec = out.setdefault(str(key), dict.fromkeys(UNIT_KEYS, 0.0))
        if cargo == "container":
            vec["container"] += g["teu"].sum() * per_year
            vec["container_t"] += g["t"].sum() * per_year
        else:
            vec[str(cargo)] += g["t"].sum() * per_year
    return out


def _cargo_of(results: Results, flow: pd.Categorical) -> pd.Categorical:
    """The cargo class of each row's flow, by category code (no string per row)."""
    cargo = {n: f.cargo for n, f in results.scenario.flows.items()}
    return categorical(np.asarray(flow.codes), [cargo.get(str(n), "") for n in flow.categories])


def _add(a: LoadVec | None, b: LoadVec | None) -> LoadVec:
    return {k: (a or {}).get(k, 0.0) + (b or {}).get(k, 0.0) for k in UNIT_KEYS}


def simulated_loads(results: Results) -> dict[tuple[str, str], dict[str, LoadVec]]:
    """Cargo moved in the window, annualised, per element and measure."""
    t0, t1 = results.meta["window_h"]
    per_year = HOURS_PER_YEAR / (t1 - t0)
    # legs per parcel (cargo totals per row): no expansion to a row per lot and leg, and
    # only the columns grouped or summed
    parcels = results.leg_parcels
    route = results.lots["route"].array
    n_legs = np.array([str(label).count(">") for label in route.categories], dtype=np.int64)
    lot_route = route.codes[parcels["lot_start"].to_numpy()]
    legs = pd.DataFrame({
        **{col: parcels[col] for col in ("service", "from_node", "to_node", "teu", "t")},
        "cargo": _cargo_of(results, parcels["flow"].array),
        "last": parcels["leg"].to_numpy() + 1 == n_legs[lot_route]})
    depart, arrive = parcels["depart_h"].to_numpy(), parcels["arrive_h"].to_numpy()
    dep = legs[(depart >= t0) & (depart < t1)]
    arr = legs[(arrive >= t0) & (arrive < t1)]
    carried = _vectors(dep, "service", per_year)
    out_ = _vectors(dep, "from_node", per_year)
    in_ = _vectors(arr, "to_node", per_year)
    done = _vectors(arr[arr["last"]], "to_node", per_year)
    onward = _vectors(arr[~arr["last"]], "to_node", per_year)
    loads: dict[tuple[str, str], dict[str, LoadVec]] = {}
    for name in results.scenario.services:
        loads[("service", name)] = {"carried": _add(carried.get(name), None)}
    for name in results.scenario.nodes:
        loads[("node", name)] = {
            "handled": _add(out_.get(name), in_.get(name)),
            "throughput": _add(out_.get(name), done.get(name)),
            "transit_in": _add(onward.get(name), None),
        }
    return loads


def _slopes(results: Results) -> pd.DataFrame:
    """Per service: slope of the daily queue (t/day, TEU/day) over the window."""
    t0, t1 = results.meta["window_h"]
    ed = results.edges_daily
    ed = ed[(ed["day"] >= int(t0 // 24)) & (ed["day"] < int(np.ceil(t1 / 24)))]
    recs = {}
    for name, g in ed.groupby("service"):
        x = g["day"].to_numpy(dtype=float)
        fit = len(x) > 1 and np.ptp(x) > 0
        recs[str(name)] = {col: float(np.polyfit(x, g[f"queue_{col}"].to_numpy(float), 1)[0])
                           if fit else 0.0 for col in ("t", "teu")}
    result: pd.DataFrame = pd.DataFrame.from_dict(recs, orient="index", columns=["t", "teu"])
    return result


def _busy(results: Results) -> dict[tuple[str, str], float]:
    k = results.kpis
    out = {}
    for scope, metric, kind in (("service", "fleet_utilization", "service"),
                                ("node", "berth_utilization", "node")):
        rows = k[(k["scope"] == scope) & (k["metric"] == metric)]
        out.update({(kind, str(n)): float(v) for n, v in zip(rows["name"], rows["value"])})
    return out


def _utilization(report: CapacityReport, loads: dict[tuple[str, str], dict[str, LoadVec]]
                 ) -> dict[tuple[str, str], float]:
    """Largest share of supply the run's cargo uses, per element (over its rows)."""
    util: dict[tuple[str, str], float] = {}
    for row in report.model.rows:
        used = row.use(loads[row.element][row.measure])
        u = used / row.supply if row.supply > 0 else (np.inf if used > 0 else 0.0)
        util[(row.kind, row.name)] = max(util.get((row.kind, row.name), 0.0), u)
    return util


def _queues(results: Results, kind: str, name: str) -> list[str]:
    """Services whose queue is the element's: its own, or those leaving a terminal."""
    if kind == "service":
        return [name]
    if kind == "node":
        return [n for n, s in results.scenario.services.items() if s.from_ == name]
    return []


def _growth(slopes: pd.DataFrame, queues: list[str], days: float, cap_t: float,
            cap_teu: float) -> tuple[float, float, bool]:
    """Queue slope (t/day, TEU/day) and whether it rose by more than a week of capacity."""
    if not queues:
        return np.nan, np.nan, False
    q = slopes.reindex(queues).fillna(0.0).sum()
    t, teu = float(q["t"]), float(q["teu"])
    growing = t * days > cap_t / WEEKS_PER_YEAR or teu * days > cap_teu / WEEKS_PER_YEAR
    return t, teu, bool(growing)


def simulated_bottlenecks(results: Results, report: CapacityReport | None = None
                          ) -> pd.DataFrame:
    """Element utilization in a run against static capacity, and queue growth.

    Parameters
    ----------
    results : Results
        One simulation run.
    report : CapacityReport, optional
        The static bounds of ``results.scenario`` (computed if not given).

    Returns
    -------
    pandas.DataFrame
        Columns ``element_kind, name, label, capacity_t_per_year,
        capacity_teu_per_year, throughput_t_per_year, throughput_teu_per_year,
        utilization_static, utilization_simulated, busy_fraction,
        queue_growth_t_per_day, queue_growth_teu_per_day, queue_growing``,
        sorted by simulated utilization, highest first.
    """
    report = report or capacity_bounds(results.scenario)
    loads = simulated_loads(results)
    util = _utilization(report, loads)
    slopes = _slopes(results)
    busy = _busy(results)
    t0, t1 = results.meta["window_h"]
    recs = []
    for el in report.elements.to_dict("records"):
        kind, name = str(el["element_kind"]), str(el["name"])
        vec = loads[("service" if kind == "service" else "node", name)][TABLE_MEASURE[kind]]
        cap_t, cap_teu = float(el["capacity_t_per_year"]), float(el["capacity_teu_per_year"])
        q_t, q_teu, growing = _growth(slopes, _queues(results, kind, name), (t1 - t0) / 24.0,
                                      cap_t, cap_teu)
        recs.append({
            "element_kind": kind, "name": name, "label": el["label"],
            "capacity_t_per_year": cap_t, "capacity_teu_per_year": cap_teu,
            "throughput_t_per_year": t_of(vec), "throughput_teu_per_year": teu_of(vec),
            "utilization_static": el["utilization"], "utilization_simulated": util[(kind, name)],
            "busy_fraction": busy.get((kind, name), np.nan),
            "queue_growth_t_per_day": q_t, "queue_growth_teu_per_day": q_teu,
            "queue_growing": growing,
        })
    df = pd.DataFrame(recs, columns=COLUMNS)
    result: pd.DataFrame = df.sort_values("utilization_simulated", ascending=False, kind="stable") \
        .reset_index(drop=True)
    return result
