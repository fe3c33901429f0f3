"""Invariants on random corridors: conservation, time order, utilization, yards, loads."""

from __future__ import annotations

from typing import Any

from hypothesis import given, note
from hypothesis import strategies as st

from corridor_sim.scenario import scenario_from_dict
from tests.property.invariants import check_all, simulate_keeping_model
from tests.property.strategies import scenarios


@given(doc=scenarios(), seed=st.integers(0, 2**32 - 1))
def test_every_run_keeps_the_invariants(doc: dict[str, Any], seed: int) -> None:
    note(repr(doc))
    run = simulate_keeping_model(scenario_from_dict(doc), seed)
    check_all(run)
