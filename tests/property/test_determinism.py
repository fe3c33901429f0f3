"""Same scenario and seed: identical tables, whatever the corridor (int and SeedSequence seeds)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, note, settings
from hypothesis import strategies as st

from corridor_sim import simulate
from corridor_sim.scenario import scenario_from_dict
from tests.property.strategies import scenarios

TABLES = ("lots", "legs", "trips", "nodes_daily", "edges_daily", "kpis", "targets", "conservation",
          "monthly")


def assert_same_tables(a: Any, b: Any) -> None:
    assert set(a.tables()) == set(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name], check_exact=True,
                                      obj=name)


@settings(max_examples=max(settings().max_examples // 2, 1))
@given(doc=scenarios(), seed=st.integers(0, 2**32 - 1), spawn=st.booleans())
def test_same_seed_identical_results(doc: dict[str, Any], seed: int, spawn: bool) -> None:
    note(repr(doc))
    scenario = scenario_from_dict(doc)
    root = np.random.SeedSequence(seed).spawn(3)[2] if spawn else seed
    first = simulate(scenario, seed=root)
    again = simulate(scenario_from_dict(doc), seed=root)
    assert_same_tables(first, again)
    assert first.meta["seed"] == again.meta["seed"]
    assert first.meta["scenario_hash"] == again.meta["scenario_hash"]
