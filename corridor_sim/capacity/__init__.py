"""Static capacity: element bounds, max flow / min cut, the bottleneck, expansion plans.

Public entry points::

    from corridor_sim.capacity import capacity_bounds, plan_expansions
    report = capacity_bounds(scenario)        # CapacityReport (tables + bottleneck)
    plan = plan_expansions(scenario, target_t=5.2e6, target_teu=70_000)
    simulated_bottlenecks(results)            # a run against the static bounds
"""

from corridor_sim.capacity.bounds import Bottleneck, CapacityReport, capacity_bounds
from corridor_sim.capacity.expansion import ExpansionPlan, plan_expansions
from corridor_sim.capacity.simulated import simulated_bottlenecks
from corridor_sim.capacity.targets_parse import ThroughputTarget, parse_target

__all__ = [
    "Bottleneck",
    "CapacityReport",
    "ExpansionPlan",
    "ThroughputTarget",
    "capacity_bounds",
    "parse_target",
    "plan_expansions",
    "simulated_bottlenecks",
]
