"""Scopes: which flows a group bound is about, and how they count toward it.

A scope is written as targets are: ``group:NAME`` (services of an edge group),
``service:NAME``, ``node:NAME``, ``flowgroup:NAME``, ``flow:NAME`` or ``flows``.
Its flows are those whose routes reach it; each flow counts toward the scope's
throughput as many times as its routes cross it (share-weighted), which is how
the simulation's KPIs and targets measure it (a lot departing on two services
of one group counts twice).
"""

from __future__ import annotations

from dataclasses import dataclass

from corridor_sim.capacity.loads import FlowDemand
from corridor_sim.network.routing import Route
from corridor_sim.scenario.errors import Problem, ScenarioError, suggest
from corridor_sim.scenario.schema import Scenario

DEFAULT_GROUP = "trans_caspian"


@dataclass(frozen=True)
class Scope:
    """A scope's flows: crossings per unit delivered (share-weighted) and at most (peak)."""

    label: str
    weights: dict[str, float]
    peak: dict[str, float]

    @property
    def flows(self) -> list[str]:
        """Flows that reach the scope."""
        return [f for f, w in self.weights.items() if w > 0]

    def demand(self, demands: dict[str, FlowDemand]) -> tuple[float, float]:
        """Scope throughput at the scenario's demand: (t a year, TEU a year)."""
        t = sum(w * demands[f].t_per_year for f, w in self.weights.items())
        teu = sum(w * demands[f].teu_per_year for f, w in self.weights.items())
        return t, teu


def _crossings(route: Route, kind: str, name: str, scenario: Scenario) -> int:
    if kind == "group":
        return sum(1 for s in route.services if name in scenario.services[s].groups)
    if kind == "service":
        return route.services.count(name)
    if kind == "node":
        return route.nodes.count(name)
    return 0


def _counts(kind: str, name: str, fd: FlowDemand, scenario: Scenario) -> list[float]:
    """Crossings of each route of the flow."""
    if kind in ("group", "service", "node"):
        return [float(_crossings(r, kind, name, scenario)) for r in fd.routes]
    if kind == "flowgroup":
        return [1.0 if name in fd.groups else 0.0] * len(fd.routes)
    if kind == "flow":
        return [1.0 if fd.name == name else 0.0] * len(fd.routes)
    return [1.0] * len(fd.routes)


def scope_names(scenario: Scenario) -> dict[str, set[str]]:
    """Valid names per scope kind."""
    return {
        "group": {g for s in scenario.services.values() for g in s.groups},
        "flowgroup": {g for f in scenario.flows.values() for g in f.groups},
        "service": set(scenario.services),
        "node": set(scenario.nodes),
        "flow": set(scenario.flows),
    }


def make_scope(scenario: Scenario, demands: dict[str, FlowDemand], label: str) -> Scope:
    """The scope written ``label``; a ScenarioError names an unknown kind or name."""
    kind, _, name = label.partition(":")
    if label != "flows":
        names = scope_names(scenario)
        if kind not in names:
            raise ScenarioError(scenario.name, [Problem(
                "--scope", f"unknown scope kind '{kind}'",
                "write group:NAME, flowgroup:NAME, service:NAME, node:NAME, flow:NAME or flows")])
        if name not in names[kind]:
            raise ScenarioError(scenario.name, [Problem(
                "--scope", f"unknown {kind} '{name}'", suggest(name, names[kind]))])
    counts = {f: _counts(kind, name, fd, scenario) for f, fd in demands.items()}
    weights = {f: sum(r.share * c for r, c in zip(demands[f].routes, cs))
               for f, cs in counts.items()}
    return Scope(label, weights, {f: max(cs, default=0.0) for f, cs in counts.items()})


def headline_scope(scenario: Scenario) -> str:
    """The scope a bare ``--target`` applies to.

    The scope of the scenario's first throughput target; else the edge group
    ``trans_caspian`` if some service belongs to it; else ``flows`` (all cargo
    delivered).
    """
    for target in scenario.targets.values():
        if target.metric.startswith("throughput"):
            return target.scope
    if any(DEFAULT_GROUP in s.groups for s in scenario.services.values()):
        return f"group:{DEFAULT_GROUP}"
    return "flows"


def all_scopes(scenario: Scenario) -> list[str]:
    """The headline scope, every edge group, every flow group, then ``flows``."""
    names = scope_names(scenario)
    out = [headline_scope(scenario)]
    out += [f"group:{g}" for g in sorted(names["group"])]
    out += [f"flowgroup:{g}" for g in sorted(names["flowgroup"])]
    out.append("flows")
    return list(dict.fromkeys(out))
