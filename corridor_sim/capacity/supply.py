"""Resources of services and terminals: what they supply a year, what a unit of cargo uses.

Each limit is a *resource row*: an annual ``supply`` and, per load unit (see
:mod:`corridor_sim.capacity.loads`), the supply one unit uses. Demand uses
``sum(load[u] * per_unit[u])``; a row is saturated when that reaches the supply.
Cargo classes share a row by time-sharing, so mixed cargo is handled exactly.

Service ``fleet`` (vehicle-hours a year)
    supply = vehicles x availability x 8766 h x open fraction;
    per unit = (mean transit + mean return) / (vehicle capacity x capacity_factor)
    + handling hours per unit at both ends (1 / rate x mean handling factor).
    So one class alone gets vehicles x capacity x capacity_factor x availability
    x round trips a year, a round trip being loading + transit + unloading + return.
Service ``departures`` (headway services, departures a year)
    supply = 8766 / every_h x open fraction; per unit = 1 / vehicle load.
Node ``berths`` (berth-hours a year, measured on cargo *handled*)
    supply = berths x 8766 h x open fraction; per unit = 1 / rate x handling factor.
Node ``design_t`` / ``design_teu`` (the design capacity fields, on *throughput*):
    reported with their utilization but never binding (the engine does not enforce
    them), so no bound, cut or bottleneck is set by one.
Other (background) traffic at a node takes its berth-hours and mean yard occupancy
off the node's supply; a service carried by another service's return legs
(``backhaul``) gets that fleet's vehicle-hours at its round trip.
Node ``yard_teu`` / ``yard_t`` (Little's law on cargo *transit_in*)
    supply = yard size; per unit = mean dwell (h) / 8766 h: a yard can turn over
    at most size x 8766 / dwell units a year.

The open fraction is the expected share of time not closed by weather (monthly
``r d / (1 + r d)`` over the window) nor by dated closures; for a service it is
that of the service and of its origin node (either blocks departures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from corridor_sim.capacity.loads import ElementKey, LoadVec
from corridor_sim.capacity.window import Piece, open_fraction, pieces
from corridor_sim.scenario.calendar import HOURS_PER_YEAR
from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.schema import Node, Scenario, Service

INF = float("inf")
BULK = tuple(name for name, kind in CARGO.items() if not kind.by_teu)

TptOf = Callable[[ElementKey], float]


@dataclass
class Row:
    """One resource of one element, averaged over the window's pieces.

    ``cap`` is the capacity for one class alone, in the row's measure: TEU for
    ``container`` (tonnes limits converted with the element's t/TEU), t otherwise.
    """

    kind: str
    name: str
    resource: str
    measure: str
    supply: float
    per_unit: dict[str, float]
    cap: dict[str, float] = field(default_factory=dict)

    @property
    def enforced(self) -> bool:
        """True if the engine holds cargo to this row (design capacities it does not:
        they are reported, never binding)."""
        return self.kind != "design"

    @property
    def element(self) -> ElementKey:
        """Where the row's loads are kept: ``("service", name)`` or ``("node", name)``."""
        return ("service", self.name) if self.kind == "service" else ("node", self.name)

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, name, resource)."""
        return (self.kind, self.name, self.resource)

    def use(self, load: LoadVec) -> float:
        """Supply that ``load`` uses (infinite if it holds a class the row cannot take)."""
        total = 0.0
        for unit, value in load.items():
            if value > 0.0:
                total += value * self.per_unit.get(unit, INF)
        return total


def _handling_h(node: Node, unit: str) -> float:
    """Berth-hours per TEU (containers) or per t (other classes) at ``node``."""
    rate = getattr(node.handling, CARGO[unit].handling_rate)
    return node.handling_factor.mean / rate if rate else 0.0


def _vehicle_load(svc: Service, teu: float, t: float, unit: str, tpt: float) -> float:
    """What one departure of a vehicle of ``teu`` TEU / ``t`` tonnes carries: TEU
    (containers, t-limited too) or t."""
    if unit == "container":
        return min(teu, t / tpt) * svc.capacity_factor
    return t * svc.capacity_factor


def _fleet_parts(piece: Piece, name: str) -> list[tuple[Service, float, float, float, float]]:
    """The vehicles that carry service ``name``'s cargo, by class: (the service whose
    cycle they run, vehicle-hours a year before weather, TEU, t, round trip h).

    A service's own classes, plus the classes of every service whose return leg carries
    it (``backhaul``): those vehicles run their own service's round trip.
    """
    s = piece.scenario
    out = []
    owners = [name, *(k for k, v in s.services.items() if v.backhaul == name)]
    for owner in owners:
        svc = s.services[owner]
        f = svc.fleet
        round_h = svc.transit_h.mean + (svc.return_h or svc.transit_h).mean
        for c in f.class_list():
            hours = c.vehicles * f.class_availability(c) * HOURS_PER_YEAR
            if hours > 0:
                out.append((svc, hours, f.class_teu(c), f.class_t(c), round_h / c.speed_factor))
    return out


def _fleet_per_unit(svc: Service, parts: list[tuple[Service, float, float, float, float]],
                    u: Node, v: Node, tpt: float) -> tuple[float, dict[str, float]]:
    """Vehicle-hours a year and vehicle-hours per unit of each class, over the classes.

    One class: ``round_h / load + handling``. Several: the per-unit hours that give the
    fleet the sum of the classes' capacities for each class of cargo alone (exact for
    one cargo class; for a mix, exact when the classes' capacities are proportional).
    """
    supply = sum(p[1] for p in parts)
    per_h: dict[str, float] = {"container_t": 0.0} if "container" in svc.cargo else {}
    for unit in svc.cargo:
        units_a_year = 0.0
        for owner, hours, teu, t, round_h in parts:
            load = _vehicle_load(owner, teu, t, unit, tpt)
            if load > 0:
                units_a_year += hours / (round_h / load + _handling_h(u, unit) + _handling_h(v, unit))
        per_h[unit] = supply / units_a_year if units_a_year > 0 else INF
    return supply, per_h


def _per_trip(svc: Service, tpt: float) -> dict[str, float]:
    """Departures per unit of each class the service carries (its largest vehicle)."""
    f = svc.fleet
    out = {"container_t": 0.0} if "container" in svc.cargo else {}
    for unit in svc.cargo:
        load = max((_vehicle_load(svc, f.class_teu(c), f.class_t(c), unit, tpt)
                    for c in f.class_list()), default=0.0)
        out[unit] = 1.0 / load if load > 0 else INF
    return out


def service_rows(piece: Piece, name: str, tpt: float) -> list[Row]:
    """Fleet-cycle and headway rows of service ``name`` in one piece."""
    s = piece.scenario
    svc = s.services[name]
    u, v = s.nodes[svc.from_], s.nodes[svc.to]
    open_f = open_fraction(piece, (svc.weather, u.weather), [*svc.closures, *u.closures])
    on = open_f if svc.enabled else 0.0
    parts = _fleet_parts(piece, name)
    supply, per_h = _fleet_per_unit(svc, parts, u, v, tpt) if parts else (0.0, {})
    rows = [Row("service", name, "fleet", "carried", supply * on, per_h)]
    if svc.departure.headway is not None and svc.fleet.vehicles > 0:
        rows.append(Row("service", name, "departures", "carried",
                        HOURS_PER_YEAR / svc.departure.headway.every_h * on, _per_trip(svc, tpt)))
    return rows


def node_rows(piece: Piece, name: str) -> list[Row]:
    """Berth, design-capacity and yard rows of node ``name`` in one piece."""
    node = piece.scenario.nodes[name]
    open_f = open_fraction(piece, (node.weather,), node.closures)
    per_h = {unit: _handling_h(node, unit) for unit in ("container", *BULK)}
    other_h, other_yard_teu, other_yard_t = _background_use(piece.scenario, name)
    rows = [Row("node", name, "berths", "handled",
                max(node.berths * HOURS_PER_YEAR * open_f - other_h, 0.0),
                {**per_h, "container_t": 0.0})]
    if node.capacity_t_per_year is not None:
        rows.append(Row("design", name, "design_t", "throughput", node.capacity_t_per_year,
                        {"container": 0.0, "container_t": 1.0, **dict.fromkeys(BULK, 1.0)}))
    if node.capacity_teu_per_year is not None:
        rows.append(Row("design", name, "design_teu", "throughput", node.capacity_teu_per_year,
                        {"container": 1.0, "container_t": 0.0, **dict.fromkeys(BULK, 0.0)}))
    dwell_y = node.dwell_h.mean / HOURS_PER_YEAR
    if node.yard_teu is not None and dwell_y > 0:
        rows.append(Row("yard", name, "yard_teu", "transit_in", max(node.yard_teu - other_yard_teu, 0.0),
                        {"container": dwell_y, "container_t": 0.0, **dict.fromkeys(BULK, 0.0)}))
    if node.yard_t is not None and dwell_y > 0:
        rows.append(Row("yard", name, "yard_t", "transit_in", max(node.yard_t - other_yard_t, 0.0),
                        {"container": 0.0, "container_t": 0.0, **dict.fromkeys(BULK, dwell_y)}))
    return rows


def _background_use(s: Scenario, name: str) -> tuple[float, float, float]:
    """What the other (background) traffic of node ``name`` takes a year: berth-hours,
    and mean yard TEU and t (Little's law: volume x days in the yard / 365.25)."""
    node = s.nodes[name]
    hours = yard_teu = yard_t = 0.0
    for b in s.background.values():
        if b.node != name or not b.enabled:
            continue
        teu, t = b.call_size
        work = (teu if b.cargo == "container" else t) * b.handlings
        hours += b.calls_per_year * work * _handling_h(node, b.cargo)
        days_y = b.yard_days.mean * 24.0 / HOURS_PER_YEAR
        if b.cargo == "container":
            yard_teu += b.calls_per_year * teu * days_y
        else:
            yard_t += b.calls_per_year * t * days_y
    return hours, yard_teu, yard_t


def _single_class_cap(row: Row, tpt: float) -> dict[str, float]:
    """Capacity for each class alone, in the row's measure (TEU for containers)."""
    out = {}
    for unit in ("container", *BULK):
        if unit not in row.per_unit:
            continue
        h = row.per_unit[unit] + (tpt * row.per_unit.get("container_t", 0.0)
                                  if unit == "container" else 0.0)
        out[unit] = INF if h == 0.0 else row.supply / h
    return out


def piece_rows(piece: Piece, tpt_of: TptOf) -> list[Row]:
    """Every resource row of one piece, with single-class capacities."""
    rows: list[Row] = []
    for name in piece.scenario.services:
        rows += service_rows(piece, name, tpt_of(("service", name)))
    for name in piece.scenario.nodes:
        rows += node_rows(piece, name)
    for row in rows:
        row.cap = _single_class_cap(row, tpt_of(row.element))
    return rows


def _average(parts: list[tuple[float, Row]]) -> Row:
    """Duration-weighted mean of one row over pieces (capacities averaged, not inverted)."""
    first = parts[0][1]
    units = set().union(*(r.per_unit for _, r in parts))
    per_unit = {u: sum(w * r.per_unit.get(u, INF) for w, r in parts) for u in units}
    caps = set().union(*(r.cap for _, r in parts))
    cap = {u: sum(w * r.cap.get(u, 0.0) for w, r in parts) for u in caps}
    supply = sum(w * r.supply for w, r in parts)
    return Row(first.kind, first.name, first.resource, first.measure, supply, per_unit, cap)


def window_rows(scenario: Scenario, tpt_of: TptOf) -> list[Row]:
    """Resource rows averaged over the measurement window.

    A row absent from some piece (a design capacity set by a dated change) is
    unbounded there, so it is left out (an upper bound stays an upper bound).
    """
    parts = pieces(scenario)
    total = sum(p.end_h - p.start_h for p in parts)
    by_key: dict[tuple[str, str, str], list[tuple[float, Row]]] = {}
    for p in parts:
        for row in piece_rows(p, tpt_of):
            by_key.setdefault(row.key, []).append(((p.end_h - p.start_h) / total, row))
    return [_average(v) for v in by_key.values() if len(v) == len(parts)]
