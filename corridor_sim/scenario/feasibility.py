"""Feasibility checks: a scenario whose names all resolve may still be impossible to run.

Run after :mod:`corridor_sim.scenario.references` (every name exists). Each check
returns :class:`Problem` s naming the field to mend:

- every enabled flow can reach its destination over services that carry its cargo;
- every lot fits one vehicle of every service the flow may use (a lot that fits no
  vehicle would wait forever), and a service that carries containers gives a TEU
  capacity (one that carries bulk or general cargo gives a tonnage);
- a yard on the way is never smaller than one vehicle load arriving into it (the
  vehicle could never unload);
- every timeline change, applied in date order to a copy, gives valid values;
- the expected number of lots stays within :data:`MAX_LOTS`, and the memory their
  records take (lots × legs, estimated up front) within :data:`MAX_RECORD_BYTES`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from pydantic import ValidationError

from corridor_sim.scenario.calendar import HOURS_PER_DAY, HOURS_PER_YEAR
from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.errors import Problem, unique_problems
from corridor_sim.scenario.schema import Flow, RouteChoice, Scenario, Service, Shares
from corridor_sim.scenario.timeline import Version, versions

MAX_LOTS = 20_000_000
"""Most lots a run may expect to create (about 3 GB of lot records)."""

MAX_RECORD_BYTES = 12 * 10**9
"""Most memory the lot and leg records of a run may be estimated to take (12 GB)."""
BYTES_PER_LOT = 150.0
BYTES_PER_LEG = 150.0
"""Per lot and per leg of a lot: engine records, then the result tables built from them."""

TOLERANCE = 1e-9


def check_feasibility(s: Scenario) -> list[Problem]:
    """All feasibility problems of a scenario whose references are valid (empty if none)."""
    problems, versions = timeline_versions(s)
    if problems:
        return problems
    problems = _dimensions(s)
    if problems:
        return problems
    problems = [*_reachability(s), *_lot_count(s, versions)]
    problems = problems or _memory(s, versions)
    if problems:
        return problems
    for key, flow in s.flows.items():
        if flow.enabled:
            services = candidate_services(s, flow)
            problems += _lot_fit(key, flow, services, versions)
            problems += _yards(flow, services, versions)
    return unique_problems(problems)


# -- timeline ------------------------------------------------------------------


def timeline_versions(s: Scenario) -> tuple[list[Problem], list[Version]]:
    """The timeline's versions (:func:`versions`); problems for values the schema rejects."""
    problems: list[Problem] = []

    def rejected(i: int, key: str, value: object, exc: Exception) -> None:
        path = f"timeline.{i}.set.{key}"
        if isinstance(exc, ValidationError):
            reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
            problems.append(Problem(path, f"{reason} (got {value!r})"))
        elif isinstance(exc, (AttributeError, TypeError, ValueError, KeyError)):
            problems.append(Problem(path, f"cannot be changed by the timeline: {exc}"))
        else:
            raise exc

    return problems, versions(s, on_error=rejected)


# -- routes ----------------------------------------------------------------------


def _carriers(s: Scenario, flow: Flow, enabled_only: bool) -> Iterator[tuple[str, Service]]:
    for key, svc in s.services.items():
        if svc.carries(flow.cargo) and (svc.enabled or not enabled_only):
            yield key, svc


def _reach(s: Scenario, flow: Flow, start: str, forward: bool) -> set[str]:
    """Nodes reachable from ``start`` (or reaching it) over enabled carriers of the flow."""
    edges = [(v.from_, v.to) if forward else (v.to, v.from_) for _, v in _carriers(s, flow, True)]
    seen, todo = {start}, [start]
    while todo:
        u = todo.pop()
        for a, b in edges:
            if a == u and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def route_hops(flow: Flow) -> list[tuple[str, list[str]]]:
    """Fixed routes of a flow as (field path suffix, node list); empty for ``auto``."""
    if flow.route == "auto":
        return []
    if isinstance(flow.route, RouteChoice):
        return [(f"route.alternatives.{i}", a) for i, a in enumerate(flow.route.alternatives)]
    shares = [r for r in flow.route if isinstance(r, Shares)]
    if shares:
        return [(f"route.{i}.route", r.route) for i, r in enumerate(shares)]
    return [("route", [str(n) for n in flow.route])]


def _searched(flow: Flow) -> bool:
    """True if the flow's routes are searched in the network (auto, or a choice without
    listed alternatives)."""
    return flow.route == "auto" or (isinstance(flow.route, RouteChoice)
                                    and not flow.route.alternatives)


def candidate_services(s: Scenario, flow: Flow) -> set[str]:
    """Services the flow may travel on: every carrier of its cargo on a usable hop."""
    hops: set[tuple[str, str]] = set()
    for _, nodes in route_hops(flow):
        hops.update(zip(nodes[:-1], nodes[1:]))
    if _searched(flow):
        ahead = _reach(s, flow, flow.origin, True)
        behind = _reach(s, flow, flow.destination, False)
        hops = {(v.from_, v.to) for _, v in _carriers(s, flow, True)
                if v.from_ in ahead and v.to in behind}
    return {k for k, v in _carriers(s, flow, False) if (v.from_, v.to) in hops}


def _reachability(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, flow in s.flows.items():
        if not flow.enabled:
            continue
        if _searched(flow) and flow.destination not in _reach(s, flow, flow.origin, True):
            out.append(Problem(
                f"flows.{key}.destination",
                f"'{flow.destination}' cannot be reached from '{flow.origin}' by enabled "
                f"services that carry {flow.cargo}",
                "add or enable a service, add the cargo class to a service's cargo, or give "
                "its vehicles room for it (capacity_teu for containers, capacity_t otherwise)"))
        for suffix, nodes in route_hops(flow):
            carried = {(v.from_, v.to) for _, v in _carriers(s, flow, False)}
            for i, hop in enumerate(zip(nodes[:-1], nodes[1:])):
                if hop not in carried:
                    out.append(Problem(f"flows.{key}.{suffix}.{i + 1}",
                                       f"no service from '{hop[0]}' to '{hop[1]}' carries "
                                       f"{flow.cargo}", "add a service or change the route"))
    return out


# -- vehicles and yards ----------------------------------------------------------


def vehicle_load(svc: Service) -> tuple[float, float]:
    """TEU and tonnes one vehicle may load now (capacity × capacity_factor; t may be inf)."""
    f = svc.capacity_factor
    return svc.fleet.vehicle_teu * f, svc.fleet.vehicle_t * f


def _lot_fit(key: str, flow: Flow, services: set[str], versions: list[Version]) -> list[Problem]:
    """Lots too big for a vehicle. Services without room in the flow's dimension are not
    candidates at all (``Service.carries``); ``_dimensions`` names the written-out ones."""
    out: list[Problem] = []
    lot_teu, lot_t = flow.lot_size_teu, flow.lot_size_t
    for name in sorted(services):
        for v in versions:
            cap_teu, cap_t = vehicle_load(v.scenario.services[name])
            if lot_teu > cap_teu + TOLERANCE or lot_t > cap_t + TOLERANCE:
                out.append(Problem(
                    v.path(f"services.{name}.fleet"),
                    f"a lot of flow '{key}' ({lot_teu:g} TEU, {lot_t:g} t) does not fit one "
                    f"vehicle of services.{name} ({cap_teu:g} TEU, {cap_t:g} t)",
                    f"enlarge the vehicles or make the lots smaller (flows.{key}.lot_teu / lot_t)"))
                break
    return out


def _dimensions(s: Scenario) -> list[Problem]:
    """Services whose written-out cargo classes, of those the flows ship, their vehicles
    have no capacity for."""
    out: list[Problem] = []
    shipped = {f.cargo for f in s.flows.values() if f.enabled}
    for name, svc in s.services.items():
        if not _listed(svc):
            continue
        for cargo in svc.cargo:
            if cargo not in shipped or svc.carries(cargo):
                continue
            kind = CARGO[cargo]
            field, unit = kind.capacity_field, "TEU" if kind.by_teu else "tonnage"
            out.append(Problem(f"services.{name}.fleet.{field}",
                               f"services.{name}.cargo lists {cargo} but its vehicles have no "
                               f"{unit} capacity",
                               f"give {field} or capacity_wagons, or drop '{cargo}' from "
                               f"services.{name}.cargo"))
            break
    return out


def _listed(svc: Service) -> bool:
    """True when the service's cargo classes were written out (not the all-classes default)."""
    return "cargo" in svc.model_fields_set


def _yards(flow: Flow, services: set[str], versions: list[Version]) -> list[Problem]:
    out: list[Problem] = []
    kind = CARGO[flow.cargo]
    dim, unit = kind.yard_field, kind.unit
    for name in sorted(services):
        for v in versions:
            svc = v.scenario.services[name]
            yard = getattr(v.scenario.nodes[svc.to], dim)
            load = vehicle_load(svc)[0 if kind.by_teu else 1]
            if svc.to == flow.destination or yard is None or math.isinf(load):
                continue
            if yard + TOLERANCE < load:
                out.append(Problem(
                    v.path(f"nodes.{svc.to}.{dim}"),
                    f"the yard ({yard:g} {unit}) is smaller than one vehicle load of "
                    f"services.{name} ({load:g} {unit}): a full vehicle could never unload",
                    f"enlarge nodes.{svc.to}.{dim} or the vehicles of services.{name} smaller"))
                break
    return out


# -- volume ------------------------------------------------------------------------


def expected_lots(s: Scenario, versions: list[Version], key: str) -> float:
    """Upper estimate of the lots flow ``key`` creates over the horizon (with growth)."""
    flows = [v.scenario.flows[key] for v in versions]
    per_year = max(f.lots_per_year for f in flows)
    growth = max(f.growth_per_year for f in flows)
    years = s.run.horizon_days * HOURS_PER_DAY / HOURS_PER_YEAR
    if growth <= 0.0:
        return per_year * years
    terms = math.ceil(years) + 1  # calendar years touched, each at most (1+g)^k the base
    log_growth = math.log1p(growth)
    return per_year * math.expm1(min(terms * log_growth, 700.0)) / growth


def _lot_count(s: Scenario, versions: list[Version]) -> list[Problem]:
    counts = {k: expected_lots(s, versions, k) for k, f in s.flows.items() if f.enabled}
    total = sum(counts.values())
    if total <= MAX_LOTS:
        return []
    biggest = max(counts, key=lambda k: counts[k])
    return [Problem(f"flows.{biggest}",
                    f"the flows would create about {total:.3g} lots over the horizon "
                    f"(this flow {counts[biggest]:.3g}); at most {MAX_LOTS:,} are allowed",
                    "use bigger lots (lot_teu / lot_t), a smaller volume or a shorter horizon")]


def legs_per_lot(s: Scenario, flow: Flow) -> int:
    """Legs a lot of ``flow`` travels: the longest fixed route, or the fewest hops of an
    auto route over the services that carry it (at least 1)."""
    fixed = [len(nodes) - 1 for _, nodes in route_hops(flow)]
    if fixed:
        return max(1, *fixed)
    edges = [(v.from_, v.to) for _, v in _carriers(s, flow, True)]
    hops, frontier, seen = 0, {flow.origin}, {flow.origin}
    while frontier and flow.destination not in frontier:
        hops += 1
        frontier = {b for a, b in edges if a in frontier and b not in seen}
        seen |= frontier
    return max(hops, 1)


def estimated_bytes(s: Scenario, versions: list[Version]) -> float:
    """Estimated memory of the lot and leg records of a run (bytes)."""
    total = 0.0
    for key, flow in s.flows.items():
        if flow.enabled:
            lots = expected_lots(s, versions, key)
            total += lots * (BYTES_PER_LOT + BYTES_PER_LEG * legs_per_lot(s, flow))
    return total


def _memory(s: Scenario, versions: list[Version]) -> list[Problem]:
    need = estimated_bytes(s, versions)
    if need <= MAX_RECORD_BYTES:
        return []
    return [Problem("flows", f"the run would need about {need / 1e9:.3g} GB for its lot and "
                    f"leg records (lots × legs); at most {MAX_RECORD_BYTES / 1e9:.0f} GB are "
                    "allowed", "use bigger lots (lot_teu / lot_t), a smaller volume, a shorter "
                    "horizon or shorter routes")]
