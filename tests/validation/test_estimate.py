"""The estimators on hand-made sample paths (exact values)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tests.validation.estimate import fcfs_starts_h, interval, lindley_departures_h, time_average


def test_fcfs_starts_single_server() -> None:
    arrive = np.array([0.0, 1.0, 5.0, 5.5])
    done = np.array([2.0, 4.0, 6.0, 7.0])
    assert fcfs_starts_h(arrive, done, 1).tolist() == [0.0, 2.0, 5.0, 6.0]


def test_fcfs_starts_two_servers_take_the_first_free() -> None:
    arrive = np.array([0.0, 0.0, 1.0, 2.0])
    done = np.array([5.0, 3.0, 4.0, 6.0])
    # the third waits for the server freed at 3; the fourth for the one freed at 4
    assert fcfs_starts_h(arrive, done, 2).tolist() == [0.0, 0.0, 3.0, 4.0]


def test_time_average_clips_to_the_window() -> None:
    start = np.array([-1.0, 2.0, 9.0])
    end = np.array([3.0, 4.0, 20.0])
    # inside [0, 10): 3 + 2 + 1 hours
    assert time_average(start, end, 0.0, 10.0) == pytest.approx(0.6)


def test_lindley_recursion() -> None:
    arrive = np.array([0.0, 0.5, 3.0])
    assert lindley_departures_h(arrive, 1.0, -np.inf).tolist() == [1.0, 2.0, 4.0]
    assert lindley_departures_h(arrive, 1.0, 2.5).tolist() == [3.5, 4.5, 5.5]


def test_interval_is_student_t() -> None:
    ci = interval(np.array([1.0, 2.0, 3.0]), level=0.95)
    assert ci.mean == 2.0
    assert ci.half == pytest.approx(stats.t.ppf(0.975, 2) * 1.0 / np.sqrt(3))
    assert ci.covers(2.0 + ci.half) and not ci.covers(2.0 + ci.half + 1e-6)
    assert ci.covers(2.0 + ci.half + 0.1, bias=0.1)
