"""Cross-reference checks: every name a scenario uses must exist."""

from __future__ import annotations

from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.errors import Problem, suggest
from corridor_sim.scenario.fields import fields_at
from corridor_sim.scenario.schema import RouteChoice, Scenario, Shares

TARGET_SCOPES = ("group", "service", "node", "flow")
TIMELINE_ROOTS = ("services", "nodes", "flows")
# the fields that change during a run: the engine's (corridor_sim.engine.versions and
# engine.demand) and the design capacities the static analysis reads (corridor_sim.capacity)
TIMELINE_FIELDS: dict[str, tuple[str, ...]] = {
    "services": ("fleet.vehicles", "fleet.capacity_teu", "fleet.capacity_t",
                 "fleet.capacity_wagons", "fleet.availability", "capacity_factor", "enabled"),
    "nodes": ("berths", "yard_teu", "yard_t", *(f"handling.{k.handling_rate}" for k in CARGO.values()),
              "capacity_t_per_year", "capacity_teu_per_year"),
    "flows": ("annual_t", "annual_teu", "growth_per_year", "enabled", "batch_lots"),
}


def check_references(s: Scenario) -> list[Problem]:
    """All problems with names used across the scenario (empty list if none)."""
    return [
        *_service_refs(s),
        *_node_refs(s),
        *_flow_refs(s),
        *[p for key, b in s.background.items() for p in _node(s, f"background.{key}.node", b.node)],
        *_target_refs(s),
        *_timeline_refs(s),
    ]


def _node(s: Scenario, path: str, name: str) -> list[Problem]:
    if name in s.nodes:
        return []
    return [Problem(path, f"unknown node '{name}'", suggest(name, s.nodes))]


def _weather(s: Scenario, path: str, name: str | None) -> list[Problem]:
    if name is None or name in s.weather:
        return []
    return [Problem(path, f"unknown weather zone '{name}'", suggest(name, s.weather))]


def _service_refs(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, svc in s.services.items():
        out += _node(s, f"services.{key}.from", svc.from_)
        out += _node(s, f"services.{key}.to", svc.to)
        out += _weather(s, f"services.{key}.weather", svc.weather)
        if svc.from_ == svc.to:
            out.append(Problem(f"services.{key}", "a service must join two different nodes"))
        out += _backhaul(s, key)
        allowed = fields_at(["services", key, "fleet"]) | fields_at(["services", key])
        for field in svc.expandable:
            if field.split(".")[-1] not in allowed:
                out.append(Problem(f"services.{key}.expandable.{field}", "unknown field",
                                   suggest(field, ["fleet.vehicles", "capacity_factor"])))
    return out


def _backhaul(s: Scenario, key: str) -> list[Problem]:
    """A return leg names a service that runs back: from this service's ``to`` to its ``from``."""
    svc = s.services[key]
    if svc.backhaul is None:
        return []
    path = f"services.{key}.backhaul"
    back = [k for k, b in s.services.items() if b.from_ == svc.to and b.to == svc.from_]
    if svc.backhaul not in s.services:
        hint = (f"services back from {svc.to} to {svc.from_}: {', '.join(back)}" if back else
                f"add a service from {svc.to} to {svc.from_} (fleet vehicles: 0 if only this "
                "service's vehicles carry it) or drop backhaul")
        return [Problem(path, f"unknown service '{svc.backhaul}'", hint)]
    b = s.services[svc.backhaul]
    if (b.from_, b.to) != (svc.to, svc.from_):
        hint = (f"services back from {svc.to} to {svc.from_}: {', '.join(back)}" if back else
                f"no service runs from {svc.to} to {svc.from_}: add one or drop backhaul")
        return [Problem(path, f"the return leg runs {svc.to} → {svc.from_}, but "
                              f"'{svc.backhaul}' runs {b.from_} → {b.to}", hint)]
    return []


def _node_refs(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, node in s.nodes.items():
        out += _weather(s, f"nodes.{key}.weather", node.weather)
    return out


def _flow_refs(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, flow in s.flows.items():
        base = f"flows.{key}"
        out += _node(s, f"{base}.origin", flow.origin)
        out += _node(s, f"{base}.destination", flow.destination)
        if flow.origin == flow.destination:
            out.append(Problem(base, "origin and destination are the same node"))
        if isinstance(flow.route, RouteChoice):
            for i, nodes in enumerate(flow.route.alternatives):
                out += _route(s, f"{base}.route.alternatives.{i}", nodes, flow.origin,
                              flow.destination)
        if isinstance(flow.route, list):
            for i, item in enumerate(flow.route):
                if isinstance(item, Shares):
                    out += _route(s, f"{base}.route.{i}.route", item.route, flow.origin, flow.destination)
            if flow.route and isinstance(flow.route[0], str):
                nodes = [str(n) for n in flow.route]
                out += _route(s, f"{base}.route", nodes, flow.origin, flow.destination)
    return out


def _route(s: Scenario, path: str, nodes: list[str], origin: str, dest: str) -> list[Problem]:
    out: list[Problem] = []
    for i, name in enumerate(nodes):
        out += _node(s, f"{path}.{i}", name)
    if nodes and (nodes[0] != origin or nodes[-1] != dest):
        out.append(Problem(path, f"a route runs from the origin '{origin}' to the destination "
                                 f"'{dest}', got {nodes[0]} ... {nodes[-1]}"))
    return out


def _target_refs(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    groups = {g for svc in s.services.values() for g in svc.groups}
    flow_groups = {g for f in s.flows.values() for g in f.groups}
    tables = {"service": set(s.services), "node": set(s.nodes), "flow": set(s.flows),
              "group": groups, "flowgroup": flow_groups}
    for key, target in s.targets.items():
        path = f"targets.{key}.scope"
        if target.scope == "flows":
            continue
        kind, _, name = target.scope.partition(":")
        if kind not in tables:
            out.append(Problem(path, f"unknown scope kind '{kind}'",
                               "write group:NAME, flowgroup:NAME, service:NAME, node:NAME, "
                               "flow:NAME or flows"))
        elif name not in tables[kind]:
            out.append(Problem(path, f"unknown {kind} '{name}'", suggest(name, tables[kind])))
    return out


def _timeline_refs(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    tables: dict[str, dict[str, object]] = {"services": dict(s.services), "nodes": dict(s.nodes),
                                            "flows": dict(s.flows)}
    for i, change in enumerate(s.timeline):
        for key in change.set:
            path = f"timeline.{i}.set.{key}"
            parts = key.split(".")
            if parts[0] not in tables or len(parts) < 3:
                out.append(Problem(path, "a change names services.NAME.FIELD, nodes.NAME.FIELD "
                                         "or flows.NAME.FIELD"))
                continue
            table = tables[parts[0]]
            if parts[1] not in table:
                out.append(Problem(path, f"unknown {parts[0][:-1]} '{parts[1]}'", suggest(parts[1], table)))
                continue
            allowed = fields_at(parts[:-1])
            field = ".".join(parts[2:])
            if parts[-1] not in allowed:
                out.append(Problem(path, f"unknown field '{parts[-1]}'", suggest(parts[-1], allowed)))
            elif field not in TIMELINE_FIELDS[parts[0]]:
                out.append(Problem(path, f"'{field}' cannot change during a run",
                                   "dated changes take " + ", ".join(TIMELINE_FIELDS[parts[0]])
                                   + "; model other changes as a separate scenario"))
    return out
