"""Simulated throughput never exceeds the static hard limits (up to finite-window edges).

Static capacity is a rate; over a window of ``W`` hours an element can do a little
more than ``rate x W``: each vehicle may depart once more than its cycles allow
(its first trip can start before the window), a berth may finish a handling begun
before it, a yard may empty a full load it held at the start. Each comparison
below adds exactly that allowance, computed from the element's own figures.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from corridor_sim.api import simulate
from corridor_sim.capacity import capacity_bounds, simulated_bottlenecks
from corridor_sim.scenario import load_scenario, scenario_from_dict
from tests.capacity.nets import random_network

Y = 8766.0
SCENARIOS = sorted((Path(__file__).parents[2] / "scenarios").glob("*.yaml"))


def vehicle_load(svc: dict[str, Any]) -> float:
    return float(svc["fleet"]["capacity_teu"]) * float(svc.get("capacity_factor", 1.0))


def service_allowance(svc: dict[str, Any]) -> float:
    """TEU one extra departure per vehicle (and one more timetable slot) can carry."""
    return (svc["fleet"]["vehicles"] + 1) * vehicle_load(svc)


def node_allowance(doc: dict[str, Any], name: str) -> float:
    """TEU in handling or waiting at the node at the window's edges: every vehicle calling."""
    calling = [s for s in doc["services"].values() if name in (s["from"], s["to"])]
    return sum(service_allowance(s) for s in calling)


@pytest.mark.parametrize("seed", range(5))
def test_random_networks_stay_within_hard_limits(seed: int) -> None:
    doc = random_network(seed)
    doc["run"]["warmup_days"] = 0  # the window starts empty: no backlog downstream of a cut
    s = scenario_from_dict(doc)
    results = simulate(s, seed=seed)
    report = capacity_bounds(s, closures=False)
    window_y = s.run.horizon_days * 24 / Y
    view = simulated_bottlenecks(results, report)
    for row in view.itertuples():
        if row.element_kind == "service":
            extra = service_allowance(doc["services"][row.name])
        elif row.element_kind == "yard":
            extra = float(doc["nodes"][row.name]["yard_teu"])
        else:
            extra = node_allowance(doc, row.name)
        limit = row.capacity_teu_per_year * window_y + extra
        assert row.throughput_teu_per_year * window_y <= limit + 1e-6, row
    cut = report.max_flow[report.max_flow["scope"] == "flows"].iloc[0]
    extra = sum(service_allowance(doc["services"][n]) if k == "service" else
                float(doc["nodes"][n]["yard_teu"]) if k == "yard" else node_allowance(doc, n)
                for k, n in (e.split(":") for e in cut["cut"].split(" + ")))
    delivered = results.kpi("flow", "f", "throughput_teu")
    assert delivered <= cut["max_flow"] * window_y + extra + 1e-6


def scaled(path: Path, factor: float) -> Any:
    """A shipped scenario with every flow's volume times ``factor``."""
    base = load_scenario(path)
    over: dict[str, float] = {}
    for name, f in base.flows.items():
        for field in ("annual_teu", "annual_t"):
            if getattr(f, field) is not None:
                over[f"flows.{name}.{field}"] = getattr(f, field) * factor
    return load_scenario(path, overrides=over)


def check_hard_limits(s: Any) -> float:
    """Every element of a run against its hard limit; the highest utilization.

    Transit times are random there; one extra cycle per vehicle is allowed for the
    window's edges, another for the spread of cycle counts, and 2 %.
    """
    results = simulate(s, seed=0)
    view = simulated_bottlenecks(results, capacity_bounds(s, closures=False))
    hard = view[view["element_kind"] != "design"]  # a planning figure the engine ignores
    window_h = (s.run.horizon_days - s.run.warmup_days) * 24
    for row in hard.itertuples():
        slack = 0.02
        if row.element_kind == "service":
            svc = s.services[row.name]
            cycle_h = svc.transit_h.mean + (svc.return_h or svc.transit_h).mean
            slack += 2 * cycle_h / (svc.fleet.availability * window_h)
        assert row.utilization_simulated <= 1 + slack, row
        assert math.isfinite(row.utilization_simulated)
    return float(hard["utilization_simulated"].max())


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenarios_stay_within_hard_limits(path: Path) -> None:
    check_hard_limits(load_scenario(path))


@pytest.mark.slow
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenarios_at_saturating_demand(path: Path) -> None:
    """2.5 times the demand drives the busiest elements to their limits, never past."""
    check_hard_limits(scaled(path, 2.5))
