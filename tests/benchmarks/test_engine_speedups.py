"""The speed-ups of the engine and results keep the semantics of what they replace, to the bit."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
import simpy

from corridor_sim.engine.lots import LotTable
from corridor_sim.engine.model import Horizon
from corridor_sim.engine.records import Records
from corridor_sim.engine.vehicle import first_of
from corridor_sim.results.tables import by_lot_and_leg

Waiter = Callable[[simpy.Environment, simpy.Event, simpy.Event], simpy.Event]


def any_of(env: simpy.Environment, a: simpy.Event, b: simpy.Event) -> simpy.Event:
    return a | b


def schedule_log(wait: Waiter, signal_at: float | None, timeout_h: float) -> list[tuple[float, str]]:
    """Who acts when: P waits for the first of a signal and a timeout while X fires the
    signal and, at the same instant, wakes R; T is a plain timeout at P's deadline."""
    env = simpy.Environment()
    log: list[tuple[float, str]] = []
    signal, other = env.event(), env.event()

    def p() -> simpy.events.ProcessGenerator:
        yield wait(env, signal, env.timeout(timeout_h))
        log.append((env.now, "P"))
        yield env.timeout(0)
        log.append((env.now, "P again"))

    def x() -> simpy.events.ProcessGenerator:
        if signal_at is None:
            return
        yield env.timeout(signal_at)
        signal.succeed()
        other.succeed()
        log.append((env.now, "X"))

    def r() -> simpy.events.ProcessGenerator:
        yield other
        log.append((env.now, "R"))

    def t() -> simpy.events.ProcessGenerator:
        yield env.timeout(timeout_h)
        log.append((env.now, "T"))

    for proc in (p, x, r, t):
        env.process(proc())
    env.run()
    return log


@pytest.mark.parametrize(("signal_at", "timeout_h"), [(3.0, 5.0), (5.0, 5.0), (7.0, 5.0), (None, 5.0)])
def test_first_of_resumes_exactly_when_any_of_does(signal_at: float | None, timeout_h: float) -> None:
    expected = schedule_log(any_of, signal_at, timeout_h)
    assert schedule_log(first_of, signal_at, timeout_h) == expected
    assert ("P" in {who for _, who in expected})


def test_first_of_fires_once() -> None:
    env = simpy.Environment()
    a, b = env.event(), env.event()
    wake = first_of(env, a, b)
    a.succeed()
    b.succeed()
    env.run()
    assert wake.processed and wake.ok


def test_horizon_stops_after_every_event_at_the_horizon() -> None:
    env = simpy.Environment()
    seen: list[float] = []

    def ticker() -> simpy.events.ProcessGenerator:
        while True:
            yield env.timeout(2.5)
            seen.append(env.now)
            if env.now == 10.0:  # an event scheduled at the horizon by one at the horizon
                env.timeout(0).callbacks.append(lambda _: seen.append(-env.now))

    env.process(ticker())
    Horizon(env, 10.0)
    with pytest.raises(simpy.core.StopSimulation):
        while True:
            env.step()
    assert seen == [2.5, 5.0, 7.5, 10.0, -10.0]
    assert env.now == 10.0


@pytest.mark.parametrize("chunk_rows", [1, 3, 1000])
def test_records_round_trip_in_order(chunk_rows: int) -> None:
    rec = Records(3, chunk_rows=chunk_rows)
    rows = [(i, 2.5 * i, float("nan") if i % 4 == 0 else -i) for i in range(10)]
    for row in rows[:6]:
        rec.add(row)
    for row in rows[6:]:
        rec.buf.extend(row)
        rec.flush_if_full()
    assert len(rec) == 10
    np.testing.assert_array_equal(rec.array(), np.array(rows, dtype=float))
    assert rec.array() is rec.array()  # joined once


def test_records_empty_has_its_width() -> None:
    assert Records(12).array().shape == (0, 12)


def test_lot_table_expands_batches_to_lots() -> None:
    lots = LotTable()
    assert lots.add(3, flow=1, route=4, teu_each=2.0, t_each=24.0, now_h=1.5) == 0
    assert lots.add(2, flow=0, route=2, teu_each=0.0, t_each=68.0, now_h=7.0) == 3
    out = lots.trimmed()
    assert out["flow"].tolist() == [1, 1, 1, 0, 0] and out["flow"].dtype == np.int32
    assert out["route"].tolist() == [4, 4, 4, 2, 2] and out["route"].dtype == np.int32
    assert out["teu"].tolist() == [2.0, 2.0, 2.0, 0.0, 0.0]
    assert out["t"].tolist() == [24.0, 24.0, 24.0, 68.0, 68.0]
    assert out["created_h"].tolist() == [1.5, 1.5, 1.5, 7.0, 7.0]


def lot_leg_records(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Shuffled (record, lot, leg) rows where each lot holds legs 0 .. k-1 once."""
    rng = np.random.default_rng(seed)
    n_lots = 50
    legs = rng.integers(0, 6, n_lots)  # some lots have reached no leg yet
    lot = np.repeat(np.arange(n_lots), legs)
    leg = np.concatenate([np.arange(k) for k in legs])
    order = rng.permutation(len(lot))
    return rng.permutation(len(lot))[order], lot[order], leg[order], n_lots


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_by_lot_and_leg_equals_lexsort(seed: int) -> None:
    which, lot, leg, n_lots = lot_leg_records(seed)
    order = np.lexsort((leg, lot))
    for got, want in zip(by_lot_and_leg(which, lot, leg, n_lots), (which[order], lot[order], leg[order])):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == want.dtype


def test_by_lot_and_leg_falls_back_to_sorting_when_legs_repeat() -> None:
    which, lot, leg = np.array([0, 1, 2, 3]), np.array([1, 0, 1, 0]), np.array([0, 1, 0, 0])
    order = np.lexsort((leg, lot))  # lot 1 holds leg 0 twice
    for got, want in zip(by_lot_and_leg(which, lot, leg, 2), (which[order], lot[order], leg[order])):
        np.testing.assert_array_equal(got, want)


def _raw_of(loop: str) -> object:
    from benchmarks.synthetic import synthetic_corridor
    from corridor_sim.engine.run import build, collect
    from corridor_sim.network import resolve_routes
    from corridor_sim.scenario import scenario_from_dict

    s = scenario_from_dict(synthetic_corridor(10, horizon_days=30))
    m, monitor = build(s, resolve_routes(s), 3)
    m.run(loop=loop)
    return collect(m, monitor)


def test_inline_event_loop_gives_the_run_of_env_step() -> None:
    a, b = _raw_of("step"), _raw_of("inline")
    assert a.n_events == b.n_events > 1000  # type: ignore[attr-defined]
    for name in ("legs", "trips"):
        assert np.array_equal(getattr(a, name), getattr(b, name), equal_nan=True)
    assert all(np.array_equal(a.lots[k], b.lots[k]) for k in a.lots)  # type: ignore[attr-defined]
    for table in ("node_daily", "service_daily"):
        x, y = getattr(a, table), getattr(b, table)
        assert all(np.array_equal(x[k], y[k], equal_nan=True) for k in x)


def test_inline_event_loop_raises_undefused_failures_and_stops_at_the_horizon() -> None:
    from corridor_sim.engine.model import process_events, step_events

    def crashing(env: simpy.Environment) -> simpy.events.ProcessGenerator:
        yield env.timeout(2.0)
        raise ValueError("vehicle broke")

    counts = []
    for loop in (step_events, process_events):
        env = simpy.Environment()
        env.process(crashing(env))
        with pytest.raises(ValueError, match="vehicle broke"):
            loop(env)
        assert env.now == 2.0
        env = simpy.Environment()
        for delay in (1.0, 5.0, 5.0, 6.0):
            env.timeout(delay)
        Horizon(env, 5.0)
        counts.append((loop(env), env.now))
    assert counts == [(3, 5.0), (3, 5.0)]  # the events at the horizon run, the later one not
