"""Under saturating demand the bottleneck carries what the static bound says.

Demand is three times the capacity of the bottleneck service ``ab`` (2 ships of
100 TEU, a round trip of 30 h + 30 h + 4 h unloading at 25 TEU/h): the bound is
2 x 100 x 8766 / 64 = 27,394 TEU a year. With fixed times the run can differ from
it only by the window's edges, at most one round trip per ship (64 h of a
8760 h window, 0.7 %): we allow 1 %. With triangular transit times (sd 4.1 h a
leg) the number of round trips in a year has a standard deviation of about
0.6 %: we allow 3 % (five standard deviations).
"""

from __future__ import annotations

from typing import Any

import pytest

from corridor_sim.api import simulate
from corridor_sim.capacity import capacity_bounds, simulated_bottlenecks
from corridor_sim.scenario import scenario_from_dict
from tests.capacity.nets import node, service

BOUND_TEU = 2 * 100 * 8766 / 64


def saturated(transit: Any) -> dict[str, Any]:
    return {
        "run": {"start": "2025-01-01", "horizon_days": 400, "warmup_days": 35},
        "nodes": {"a": node("zone"), "c": node("zone"),
                  "b": node(berths=4, handling={"container_teu_per_h": 25})},
        "services": {"ab": service("a", "b", 2, 100, transit),
                     "bc": service("b", "c", 4, 100, 20)},
        "flows": {"f": {"origin": "a", "destination": "c", "cargo": "container",
                        "annual_teu": 3 * BOUND_TEU, "lot_teu": 2, "arrival": "regular"}},
    }


@pytest.mark.parametrize(("transit", "tolerance"), [(30, 0.01),
                                                     ({"triangular": [20, 30, 40]}, 0.03)])
def test_bottleneck_reaches_its_bound(transit: Any, tolerance: float) -> None:
    s = scenario_from_dict(saturated(transit))
    report = capacity_bounds(s)
    assert report.bottleneck is not None and report.bottleneck.name == "ab"
    assert report.bottleneck.capacity_teu_per_year == pytest.approx(BOUND_TEU)
    results = simulate(s, seed=3)
    got = results.kpi("service", "ab", "throughput_teu") * 8766 / (365 * 24)
    assert got == pytest.approx(BOUND_TEU, rel=tolerance)


def test_run_view_flags_the_saturated_service() -> None:
    s = scenario_from_dict(saturated(30))
    view = simulated_bottlenecks(simulate(s, seed=1)).set_index("name")
    ab, bc = view.loc["ab"], view.loc["bc"]
    assert ab["utilization_simulated"] == pytest.approx(1.0, abs=0.01)
    assert ab["busy_fraction"] == pytest.approx(1.0, abs=0.01)
    assert bool(ab["queue_growing"]) and not bool(bc["queue_growing"])
    # the queue grows by what arrives minus what leaves: 2 x 27,394 TEU a year
    assert ab["queue_growth_teu_per_day"] == pytest.approx(2 * BOUND_TEU / 365.25, rel=0.02)
    # a, where the queue builds, sees ab's queue; bc's throughput is ab's
    assert view.loc["a", "queue_growth_teu_per_day"] == pytest.approx(
        ab["queue_growth_teu_per_day"])
    assert bc["throughput_teu_per_year"] == pytest.approx(ab["throughput_teu_per_year"],
                                                          rel=0.01)
    b = view[view["element_kind"] == "node"].loc["b"]
    assert b["utilization_simulated"] == pytest.approx(b["busy_fraction"], rel=0.01)
