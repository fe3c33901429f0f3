"""Exact properties of every run's sample path: Little's law, berth-hours, Lindley, no idle fleet."""

from __future__ import annotations

import numpy as np
import pytest

from tests.validation.cases import LEVEL, replicate
from tests.validation.estimate import interval

TERMINALS = ["mm1", "mm3", "md1"]


@pytest.mark.parametrize("key", TERMINALS)
def test_little_law_at_the_terminal(key: str) -> None:
    # L from the trips' [arrive_h, unloaded_h) intervals equals lambda * W up to the
    # vehicles that straddle the window's edges (typically 0.1 %, rarely a few %).
    reps = replicate(key)
    assert np.all(np.abs(reps["little_rel_gap"]) <= reps["little_rel_bound"] + 1e-12)
    assert reps["little_rel_bound"].max() < 0.05


def test_little_law_on_the_cargo_queue() -> None:
    # L_q exactly from the legs' [ready_h, depart_h) intervals vs lambda * mean(wait_h).
    reps = replicate("fleet")
    assert np.all(np.abs(reps["little_rel_gap"]) <= reps["little_rel_bound"] + 1e-12)
    assert reps["little_rel_bound"].max() < 0.05


def test_end_of_day_queue_samples_estimate_the_time_average() -> None:
    # edges_daily.queue_lots is sampled at each day's end; in steady state its mean is the
    # time-average queue. Paired per run, the difference's interval covers 0.
    reps = replicate("fleet")
    diff = interval(reps["in_queue_daily"] - reps["in_queue"], LEVEL)
    assert diff.covers(0.0, 0.01 * reps["in_queue"].mean())


@pytest.mark.parametrize("key", TERMINALS)
def test_engine_berth_hours_equal_the_service_intervals(key: str) -> None:
    # nodes_daily.berth_busy_h (the engine's berth integral) against the service intervals
    # rebuilt from the trips under first-come-first-served: the same number.
    reps = replicate(key)
    np.testing.assert_allclose(reps["busy_from_engine"], reps["busy_from_trips"], rtol=1e-9)


@pytest.mark.parametrize("key", TERMINALS)
def test_vehicles_never_hold_a_lot_at_the_origin(key: str) -> None:
    # The feeding line is not a second queue: every lot leaves a the moment it arrives,
    # so b sees the Poisson arrivals of the flow.
    assert replicate(key)["origin_wait_max_h"].max() <= 1e-9


def test_constant_handling_follows_lindley_exactly() -> None:
    # M/D/1: unloaded_h = max(arrive_h, previous unloaded_h) + 1 h, trip by trip.
    assert replicate("md1")["lindley_max_dev_h"].max() <= 1e-9


def test_tandem_loading_berth_never_idles_while_a_lot_waits() -> None:
    # Each loading at a starts at max(lot ready, previous departure): vehicles never limit
    # station 1, whose departures are then those of an M/M/1 (Poisson, by Burke).
    assert replicate("tandem")["idle_with_work_max_h"].max() <= 1e-9
