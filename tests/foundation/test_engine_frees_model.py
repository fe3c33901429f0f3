"""A big run's finished model is freed when ``run_model`` returns, not at a later collection."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import numpy as np
import pytest

import corridor_sim.engine.run as engine_run
from corridor_sim.network import resolve_routes
from corridor_sim.scenario import scenario_from_dict


def run_watched(doc: dict[str, Any], monkeypatch: pytest.MonkeyPatch,
                threshold: int) -> tuple[engine_run.RawResults, weakref.ref[Any]]:
    """``run_model`` with the collection threshold ``threshold``; a weak reference to its model.

    The reference is to the model's SimPy environment, which every process and the model
    hold and nothing outside the model does: it lives exactly as long as the model (whose
    class, compiled by mypyc, takes no weak reference).
    """
    built: list[weakref.ref[Any]] = []
    real_build = engine_run.build

    def build(*args: Any) -> Any:
        m, monitor = real_build(*args)
        built.append(weakref.ref(m.env))
        return m, monitor

    monkeypatch.setattr(engine_run, "build", build)
    monkeypatch.setattr(engine_run, "COLLECT_AFTER_BYTES", threshold)
    s = scenario_from_dict(doc)
    was_enabled = gc.isenabled()
    gc.disable()  # only run_model's own collection may free the model
    try:
        raw = engine_run.run_model(s, resolve_routes(s), 0)
        return raw, built[0]
    finally:
        if was_enabled:
            gc.enable()


def test_a_big_run_frees_its_model_and_keeps_its_records(tandem: dict,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    raw, model = run_watched(tandem, monkeypatch, threshold=0)
    assert model() is None  # the cycles of processes and parcels are gone already
    assert len(raw.legs) > 0 and np.isfinite(raw.legs[:, 5]).all()


def test_a_small_run_is_left_to_the_collector(tandem: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    raw, model = run_watched(tandem, monkeypatch, threshold=1 << 40)
    assert model() is not None  # held by its own reference cycles until a collection
    gc.collect()
    assert model() is None
