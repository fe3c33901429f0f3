"""The departure-policy registry: every schema field of Departure has one engine policy."""

from __future__ import annotations

from corridor_sim.engine.departures import POLICIES
from corridor_sim.scenario.fleet import Departure, FullOrWait, Headway


def test_every_departure_field_has_a_policy() -> None:
    assert set(POLICIES) == set(Departure.model_fields)


def test_active_names_the_one_policy_set() -> None:
    dep = Departure.model_validate({"every_h": 24.0, "offset_h": 2.0})
    name, cfg = dep.active
    assert name == "headway" and isinstance(cfg, Headway) and dep.expected_wait_h == 12.0
    dep = Departure.model_validate({"fill": 0.5, "max_wait_h": 10.0})
    name, cfg = dep.active
    assert name == "full_or_wait" and isinstance(cfg, FullOrWait) and dep.expected_wait_h == 5.0
