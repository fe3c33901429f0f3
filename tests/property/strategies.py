"""Hypothesis strategies: small random corridors that are valid and feasible by construction.

A corridor is a DAG of 2–6 nodes numbered in topological order: node 0 is the origin
zone, the last node the destination zone. Every consecutive pair is joined by a
service (the chain), and a few extra services skip ahead. Each service has its own
fleet, capacity, departure policy and transit distribution; intermediate nodes may
have yards (never smaller than an inbound vehicle load), clearance times and handling
rates. Flows run between nodes of the chain (auto, fixed or shared routes). Weather
zones, dated closures and a timeline of changes (fleets, capacity factors, berths,
yards, enabling and disabling services, demand) disturb the run.

Lots always fit every vehicle: capacities × capacity factors (>= 0.5) stay above
the largest lot (2 TEU, 68 t) — the feasibility checks would refuse anything else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

Doc = dict[str, Any]

CARGO = ("container", "dry_bulk", "liquid_bulk", "general")
MAX_LOT_TEU = 2.0
MAX_LOT_T = 68.0
MIN_FACTOR = 0.5


def dists(low: float, high: float, zero: bool = False) -> st.SearchStrategy[Any]:
    """A distribution of durations (hours) in [low, high], in any written form."""
    lo = 0.0 if zero else low
    span = st.floats(low, high, allow_nan=False, allow_infinity=False)
    mean = st.floats(max(low, 0.01), high, allow_nan=False, allow_infinity=False)
    return st.one_of(
        st.floats(lo, high, allow_nan=False, allow_infinity=False),
        st.tuples(span, span).map(lambda p: {"uniform": sorted(p)}),
        st.tuples(span, span, span).map(lambda p: {"triangular": sorted(p)}),
        mean.map(lambda m: {"exponential": m}),
        st.tuples(mean, st.floats(0.05, 1.5)).map(lambda p: {"lognormal": list(p)}),
        st.tuples(mean, st.floats(0.05, 1.5)).map(lambda p: {"gamma": list(p)}),
    )


@st.composite
def fleets(draw: st.DrawFn) -> Doc:
    """A fleet whose vehicles take the largest lot even at the lowest capacity factor."""
    fleet: Doc = {"vehicles": draw(st.integers(0, 4)),
                  "availability": draw(st.sampled_from([1.0, 1.0, 0.9, 0.5]))}
    if draw(st.booleans()):
        fleet["capacity_wagons"] = draw(st.sampled_from([2, 3, 5, 10, 20, 57]))
    else:
        fleet["capacity_teu"] = draw(st.sampled_from([4.0, 5.0, 10.0, 10.0, 40.0, 100.0, 300.0]))
        fleet["capacity_t"] = draw(st.sampled_from([136.0, 150.0, 300.0, 500.0, 2000.0, 12000.0]))
    return fleet


def vehicle_teu(fleet: Doc) -> float:
    """TEU one vehicle carries at full capacity factor."""
    return float(fleet.get("capacity_teu", fleet.get("capacity_wagons", 0) * 2.0))


def vehicle_t(fleet: Doc) -> float:
    """Tonnes one vehicle carries at full capacity factor."""
    return float(fleet.get("capacity_t", fleet.get("capacity_wagons", 0) * 68.0))


departures = st.one_of(
    st.builds(lambda h, o: {"every_h": h, "offset_h": o},
              st.floats(1.0, 72.0), st.sampled_from([0.0, 0.0, 5.5, 12.0])),
    st.builds(lambda f, w: {"fill": f, "max_wait_h": w},
              st.sampled_from([1.0, 0.8, 0.5, 0.1]), st.floats(1.0, 96.0)),
)


@st.composite
def services(draw: st.DrawFn, u: int, v: int) -> Doc:
    """One service from node ``u`` to node ``v`` (names are n0, n1, ...)."""
    svc: Doc = {
        "mode": draw(st.sampled_from(["rail", "feeder", "rail_ferry", "roro", "road"])),
        "from": f"n{u}", "to": f"n{v}",
        "distance_km": draw(st.floats(10.0, 2000.0)),
        "transit_h": draw(dists(0.5, 60.0, zero=True)),
        "fleet": draw(fleets()),
        "departure": draw(departures),
        "capacity_factor": draw(st.sampled_from([1.0, 1.0, 0.75, MIN_FACTOR])),
        "tariff_usd_per_teu": draw(st.floats(0.0, 500.0)),
        "tariff_usd_per_t": draw(st.floats(0.0, 20.0)),
        "groups": draw(st.sampled_from([[], ["sea"], ["land", "sea"]])),
    }
    if draw(st.booleans()):
        svc["return_h"] = draw(dists(0.0, 60.0, zero=True))
    return svc


@st.composite
def nodes(draw: st.DrawFn, i: int, last: int) -> Doc:
    """Node ``i`` of ``last + 1``: zones at the ends, terminals between."""
    node: Doc = {"kind": "zone" if i in (0, last) else draw(st.sampled_from(
        ["seaport", "rail_hub", "border"])), "lat": 40.0 + i, "lon": 50.0 - i}
    if 0 < i < last:
        node["berths"] = draw(st.integers(1, 3))
        node["dwell_h"] = draw(dists(0.0, 48.0, zero=True))
        node["handling"] = draw(st.fixed_dictionaries({}, optional={
            "container_teu_per_h": st.floats(5.0, 200.0),
            "dry_bulk_t_per_h": st.floats(50.0, 2000.0),
            "liquid_bulk_t_per_h": st.floats(50.0, 2000.0),
            "general_t_per_h": st.floats(50.0, 2000.0)}))
        if draw(st.booleans()):
            node["handling_factor"] = {"exponential": 1.0}
    return node


def inbound_max(doc: Doc, node: str, measure: str) -> float:
    """Largest vehicle load (TEU or t) of any service into ``node``."""
    size = vehicle_teu if measure == "teu" else vehicle_t
    return max((size(s["fleet"]) for s in doc["services"].values() if s["to"] == node),
               default=0.0)


@st.composite
def yards(draw: st.DrawFn, doc: Doc) -> None:
    """Give some intermediate nodes yards no smaller than their largest inbound load."""
    for name, node in doc["nodes"].items():
        if node["kind"] == "zone":
            continue
        for measure in ("teu", "t"):
            need = inbound_max(doc, name, measure)
            if need > 0 and draw(st.booleans()):
                node[f"yard_{measure}"] = need * draw(st.sampled_from([1.0, 1.0, 1.0, 1.5, 3.0]))


@st.composite
def corridors(draw: st.DrawFn) -> Doc:
    """Nodes and services: a chain n0 → … → nK plus a few skip-ahead services."""
    n = draw(st.integers(2, 6))
    doc: Doc = {"nodes": {f"n{i}": draw(nodes(i, n - 1)) for i in range(n)}, "services": {}}
    for i in range(n - 1):
        doc["services"][f"s{i}-{i + 1}"] = draw(services(i, i + 1))
    pairs = [(i, j) for i in range(n) for j in range(i + 2, n)]
    for u, v in draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True) if pairs
                     else st.just([])):
        doc["services"][f"s{u}-{v}"] = draw(services(u, v))
    draw(yards(doc))
    return doc


def chain(u: int, v: int) -> list[str]:
    """Node names of the chain from ``u`` to ``v``."""
    return [f"n{k}" for k in range(u, v + 1)]


@st.composite
def routes(draw: st.DrawFn, doc: Doc, u: int, v: int) -> Any:
    """``auto``, the chain, or shares between the chain and a route over one skip."""
    skips = [(int(s["from"][1:]), int(s["to"][1:])) for s in doc["services"].values()]
    skips = [(a, b) for a, b in skips if b - a > 1 and u <= a and b <= v]
    options: list[Any] = ["auto", chain(u, v)]
    if skips:
        a, b = draw(st.sampled_from(skips))
        alt = chain(u, a) + chain(b, v)
        options.append([{"route": chain(u, v), "share": draw(st.floats(0.1, 3.0))},
                        {"route": alt, "share": draw(st.floats(0.1, 3.0))}])
    return draw(st.sampled_from(options))


@st.composite
def flows(draw: st.DrawFn, doc: Doc, horizon_days: float) -> Doc:
    """One flow between two chain nodes, sized to a few hundred lots over the horizon."""
    last = len(doc["nodes"]) - 1
    u = draw(st.sampled_from([0, 0, 0] + list(range(1, last))))
    v = draw(st.sampled_from([last, last] + list(range(u + 1, last + 1))))
    cargo = draw(st.sampled_from(CARGO))
    lots_per_year = draw(st.floats(20.0, 1500.0)) * 365.0 / horizon_days
    flow: Doc = {"origin": f"n{u}", "destination": f"n{v}", "cargo": cargo,
                 "route": draw(routes(doc, u, v)),
                 "arrival": draw(st.sampled_from(["poisson", "regular"])),
                 "batch_lots": draw(st.sampled_from([1, 1, 2, 10])),
                 "growth_per_year": draw(st.sampled_from([0.0, 0.0, 0.3, -0.4])),
                 "seasonality": draw(st.lists(st.floats(0.2, 3.0), min_size=12, max_size=12))}
    if cargo == "container":
        flow["lot_teu"] = draw(st.sampled_from([1.0, MAX_LOT_TEU]))
        flow["t_per_teu"] = draw(st.floats(5.0, 14.0))
        flow["annual_teu"] = lots_per_year * flow["lot_teu"]
    else:
        flow["lot_t"] = draw(st.floats(20.0, MAX_LOT_T))
        flow["annual_t"] = lots_per_year * flow["lot_t"]
    return flow


def hours_date(start: dt.date, horizon_days: float) -> st.SearchStrategy[dt.date]:
    """A date inside the run."""
    return st.integers(0, int(horizon_days)).map(lambda d: start + dt.timedelta(days=d))


@st.composite
def disruptions(draw: st.DrawFn, doc: Doc, start: dt.date, horizon_days: float) -> None:
    """Weather zones on some nodes and services, and dated closures."""
    weather: Doc = {}
    for z in range(draw(st.integers(0, 2))):
        weather[f"w{z}"] = {
            "closure_starts_per_day": draw(st.lists(st.floats(0.0, 0.3), min_size=12,
                                                    max_size=12)),
            "duration_days": draw(dists(0.05, 4.0)),
        }
    if weather:
        doc["weather"] = weather
        for item in [*doc["nodes"].values(), *doc["services"].values()]:
            if draw(st.integers(0, 3)) == 0:
                item["weather"] = draw(st.sampled_from(sorted(weather)))
    for item in [*doc["nodes"].values(), *doc["services"].values()]:
        if draw(st.integers(0, 4)) == 0:
            begin = draw(hours_date(start - dt.timedelta(days=5), horizon_days))
            end = begin + dt.timedelta(days=draw(st.integers(1, 15)))
            item["closures"] = [{"start": begin.isoformat(), "end": end.isoformat()}]


@st.composite
def changes(draw: st.DrawFn, doc: Doc) -> tuple[str, Any]:
    """One dated change that keeps the scenario feasible."""
    svc = draw(st.sampled_from(sorted(doc["services"])))
    terminals = sorted(n for n, node in doc["nodes"].items() if node["kind"] != "zone")
    flow = draw(st.sampled_from(sorted(doc["flows"])))
    options = [
        (f"services.{svc}.fleet.vehicles", st.integers(0, 5)),
        (f"services.{svc}.capacity_factor", st.sampled_from([MIN_FACTOR, 0.8, 1.0])),
        (f"services.{svc}.enabled", st.booleans()),
        (f"flows.{flow}.growth_per_year", st.sampled_from([0.0, 0.5, -0.5])),
        (f"flows.{flow}.enabled", st.booleans()),
        (f"flows.{flow}.batch_lots", st.sampled_from([1, 5])),
        (f"services.{svc}.fleet.availability", st.sampled_from([0.5, 1.0])),
    ]
    volume = "annual_teu" if doc["flows"][flow]["cargo"] == "container" else "annual_t"
    options.append((f"flows.{flow}.{volume}",
                    st.sampled_from([0.5, 2.0]).map(lambda k: k * doc["flows"][flow][volume])))
    if terminals:
        node = draw(st.sampled_from(terminals))
        options.append((f"nodes.{node}.berths", st.integers(1, 4)))
        for measure in ("teu", "t"):
            if f"yard_{measure}" in doc["nodes"][node]:
                need = inbound_max(doc, node, measure)
                options.append((f"nodes.{node}.yard_{measure}",
                                st.sampled_from([need, 2.0 * need, 4.0 * need])))
    key, values = draw(st.sampled_from(options))
    return key, draw(values)


@st.composite
def scenarios(draw: st.DrawFn) -> Doc:
    """A whole valid scenario document (a dict for ``scenario_from_dict``)."""
    horizon_days = float(draw(st.integers(10, 120)))
    start = draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
    doc = draw(corridors())
    doc["name"] = "generated"
    doc["run"] = {"start": start.isoformat(), "horizon_days": horizon_days,
                  "warmup_days": draw(st.sampled_from([0.0, 0.0, horizon_days / 4]))}
    doc["flows"] = {f"f{k}": draw(flows(doc, horizon_days)) for k in range(draw(st.integers(1, 3)))}
    draw(disruptions(doc, start, horizon_days))
    timeline = []
    for _ in range(draw(st.integers(0, 3))):
        key, value = draw(changes(doc))
        timeline.append({"date": draw(hours_date(start, horizon_days)).isoformat(),
                         "set": {key: value}})
    if timeline:
        doc["timeline"] = timeline
    return doc
