"""What the scenario's demand asks of each service and terminal, per flow.

A *load vector* holds annual volumes by unit: ``container`` in TEU,
``container_t`` the tonnes of those containers, and ``dry_bulk``,
``liquid_bulk``, ``general`` in tonnes. Each flow's expected annual volume over
the window is spread over its resolved routes by their shares (exactly the
routes the simulation uses).

Per element and flow, these *measures* are kept:

- service ``carried``: cargo that departs on the service;
- node ``handled``: cargo unloaded there plus cargo loaded there (berth work);
- node ``throughput``: cargo that leaves on a service plus cargo delivered there
  (the KPI definition);
- node ``transit_in``: cargo unloaded there that goes on (what the yard holds).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from corridor_sim.capacity.window import annual_demand
from corridor_sim.network.routing import Route
from corridor_sim.scenario.schema import Scenario
from corridor_sim.scenario.timeline import versions

UNIT_KEYS = ("container", "container_t", "dry_bulk", "liquid_bulk", "general")
DEFAULT_T_PER_TEU = 12.0

LoadVec = dict[str, float]
ElementKey = tuple[str, str]  # ("service" | "node", name)


@dataclass(frozen=True)
class FlowDemand:
    """A flow's expected annual volume over the window and its routes."""

    name: str
    cargo: str
    teu_per_year: float
    t_per_year: float
    routes: tuple[Route, ...]
    groups: tuple[str, ...] = ()

    def vector(self, share: float = 1.0) -> LoadVec:
        """The flow's load vector, times ``share``."""
        if self.cargo == "container":
            return {"container": self.teu_per_year * share, "container_t": self.t_per_year * share}
        return {self.cargo: self.t_per_year * share}


@dataclass
class Loads:
    """Load vectors per element, measure and flow."""

    flows: dict[str, FlowDemand]
    by_element: dict[ElementKey, dict[str, dict[str, LoadVec]]] = field(default_factory=dict)

    def add(self, key: ElementKey, measure: str, flow: str, vec: LoadVec) -> None:
        """Accumulate ``vec`` on an element's measure for one flow."""
        slot = self.by_element.setdefault(key, {}).setdefault(measure, {})
        acc = slot.setdefault(flow, {})
        for unit, value in vec.items():
            acc[unit] = acc.get(unit, 0.0) + value

    def total(self, key: ElementKey, measure: str,
              scale: dict[str, float] | None = None) -> LoadVec:
        """Sum over flows of an element's measure; ``scale`` multiplies flows (absent: 0)."""
        out: LoadVec = defaultdict(float)
        for flow, vec in self.by_element.get(key, {}).get(measure, {}).items():
            k = 1.0 if scale is None else scale.get(flow, 0.0)
            for unit, value in vec.items():
                out[unit] += k * value
        return dict(out)


def t_of(vec: LoadVec) -> float:
    """Tonnes in a load vector."""
    return sum(vec.get(k, 0.0) for k in ("container_t", "dry_bulk", "liquid_bulk", "general"))


def teu_of(vec: LoadVec) -> float:
    """TEU in a load vector."""
    return vec.get("container", 0.0)


def t_per_teu(vec: LoadVec, default: float = DEFAULT_T_PER_TEU) -> float:
    """Tonnes per TEU of the containers in ``vec`` (``default`` if none)."""
    teu = vec.get("container", 0.0)
    return vec.get("container_t", 0.0) / teu if teu > 0 else default


def flow_demands(scenario: Scenario, routes: dict[str, tuple[Route, ...]]) -> dict[str, FlowDemand]:
    """Expected annual volume of every routed flow over the window."""
    out = {}
    history = versions(scenario)  # once for every flow
    for name, options in routes.items():
        flow = scenario.flows[name]
        teu, t = annual_demand(scenario, name, history)
        out[name] = FlowDemand(name, flow.cargo, teu, t, options, tuple(flow.groups))
    return out


def element_loads(demands: dict[str, FlowDemand]) -> Loads:
    """Spread each flow over its routes' services and nodes."""
    loads = Loads(demands)
    for name, fd in demands.items():
        for route in fd.routes:
            vec = fd.vector(route.share)
            for svc in route.services:
                loads.add(("service", svc), "carried", name, vec)
            last = len(route.nodes) - 1
            for i, node in enumerate(route.nodes):
                key = ("node", node)
                loads.add(key, "throughput", name, vec)
                loads.add(key, "handled", name, vec)
                if 0 < i < last:
                    loads.add(key, "handled", name, vec)
                    loads.add(key, "transit_in", name, vec)
    return loads


def global_t_per_teu(demands: dict[str, FlowDemand]) -> float:
    """Demand-weighted tonnes per TEU of all container flows (12 if there are none)."""
    teu = sum(fd.teu_per_year for fd in demands.values())
    t = sum(fd.t_per_year for fd in demands.values() if fd.cargo == "container")
    return t / teu if teu > 0 else DEFAULT_T_PER_TEU
