"""Logit shares: analytic values, path size, the simulated split and diversion."""

from __future__ import annotations

import math

import numpy as np
import pytest

from corridor_sim import simulate
from corridor_sim.network import resolve_routes
from corridor_sim.network.choice import a_priori_costs, alternatives, ln_path_size, logit_shares
from corridor_sim.scenario import ScenarioError, scenario_from_dict
from tests.choice.networks import two_routes


def test_logit_shares_match_the_formula() -> None:
    c = [10.0, 12.5, 20.0]
    e = [math.exp(-0.3 * x) for x in c]
    assert logit_shares(c, 0.3) == pytest.approx([x / sum(e) for x in e], rel=1e-12)
    assert logit_shares([x + 1000.0 for x in c], 0.3) == pytest.approx(logit_shares(c, 0.3))
    assert logit_shares(c, 1e-12) == pytest.approx([1 / 3] * 3)


def test_two_routes_reproduce_the_analytic_logit_share() -> None:
    theta, dc = 0.2, 5.0  # route y costs 5 USD/t more
    s = scenario_from_dict(two_routes(10.0, 10.0 + dc, theta))
    routes = alternatives(s, "f")
    cx, cy = a_priori_costs(s, "f", routes)
    assert (cx.time_mean_h, cx.spread_h) == (cy.time_mean_h, cy.spread_h)
    assert cy.money_usd_per_t - cx.money_usd_per_t == pytest.approx(dc)
    share_x = 1.0 / (1.0 + math.exp(-theta * dc))
    got = resolve_routes(s)["f"]
    assert [r.share for r in got] == pytest.approx([share_x, 1.0 - share_x], rel=1e-12)


def test_simulated_split_lies_in_the_binomial_interval() -> None:
    theta, dc = 0.2, 5.0
    r = simulate(scenario_from_dict(two_routes(10.0, 10.0 + dc, theta)), seed=3)
    p = 1.0 / (1.0 + math.exp(-theta * dc))
    n = len(r.lots)
    x = int((r.lots["route"] == "o>x>d").sum())
    assert n > 1000
    # each lot draws its route independently: |z| < 4 fails with probability 6e-5
    assert abs(x / n - p) < 4.0 * math.sqrt(p * (1 - p) / n)


def test_path_size_counts_shared_distance_once() -> None:
    doc = two_routes(0.0, 0.0, 0.1)
    # A: o>d direct 1000 km; B: o>m>d, C: o>m>n>d share o>m (900 km) and differ after it
    doc["nodes"]["m"] = {"kind": "zone", "lat": 45.0, "lon": 40.0}
    doc["nodes"]["n"] = {"kind": "zone", "lat": 46.0, "lon": 40.0}
    base = doc["services"]["ox"]
    for key, a, b, km in [("od", "o", "d", 1000), ("om", "o", "m", 900), ("md", "m", "d", 100),
                          ("mn", "m", "n", 50), ("nd", "n", "d", 50)]:
        doc["services"][key] = {**base, "from": a, "to": b, "distance_km": km,
                                "tariff_usd_per_t": 0.0}
    doc["flows"]["f"]["route"] = {
        "choice": "path_size_logit", "value_of_time_usd_per_t_h": 0.0,
        "alternatives": [["o", "d"], ["o", "m", "d"], ["o", "m", "n", "d"]]}
    s = scenario_from_dict(doc)
    ps = np.exp(ln_path_size(s, alternatives(s, "f")))
    assert ps == pytest.approx([1.0, 0.9 / 2 + 0.1, 0.9 / 2 + 0.05 + 0.05])
    shares = [r.share for r in resolve_routes(s)["f"]]  # equal costs: shares ∝ PS
    assert shares == pytest.approx([1 / 2.1, 0.55 / 2.1, 0.55 / 2.1])


def _closed_x(divert: bool) -> dict:
    doc = two_routes(10.0, 10.0, 0.2)  # equal costs: 50/50
    doc["services"]["ox"]["closures"] = [{"start": "2025-01-11", "end": "2025-01-21"}]
    doc["flows"]["f"]["route"]["divert"] = divert
    return doc


def test_lots_divert_around_a_closed_line() -> None:
    closed = (240.0, 480.0)  # hours of 11-21 Jan from 1 Jan
    for divert, expect_x in [(True, 0.0), (False, 0.5)]:
        lots = simulate(scenario_from_dict(_closed_x(divert)), seed=1).lots
        during = lots[(lots["created_h"] >= closed[0]) & (lots["created_h"] < closed[1])]
        share_x = float((during["route"] == "o>x>d").mean())
        n = len(during)
        assert n > 150
        assert abs(share_x - expect_x) <= 4.0 * math.sqrt(0.25 / n)
        after = lots[lots["created_h"] >= closed[1]]
        assert abs(float((after["route"] == "o>x>d").mean()) - 0.5) < 4.0 * math.sqrt(0.25 / len(after))


def test_shares_without_alternatives_are_a_clear_error() -> None:
    doc = two_routes(10.0, 10.0, 0.2)
    doc["flows"]["f"]["route"] = {"choice": "logit", "shares": [0.5, 0.5]}
    with pytest.raises(ScenarioError) as err:
        scenario_from_dict(doc)
    assert "flows.f.route" in str(err.value)
    assert "alternative" in str(err.value)


def test_when_every_route_is_closed_the_least_closed_wins() -> None:
    """A storm closes the shared origin; the x line is also closed for works: y is taken."""
    doc = _closed_x(True)
    doc["nodes"]["o"]["closures"] = [{"start": "2025-01-11", "end": "2025-01-21"}]
    lots = simulate(scenario_from_dict(doc), seed=1).lots
    during = lots[(lots["created_h"] >= 240.0) & (lots["created_h"] < 480.0)]
    assert len(during) > 150
    assert (during["route"] == "o>y>d").all()
