"""The analytical references themselves, against independent formulas and known values."""

from __future__ import annotations

import math

import pytest

from tests.validation import theory


def erlang_b(servers: int, offered_erlangs: float) -> float:
    """Erlang's B (loss) formula by its recursion, an independent route to Erlang C."""
    b = 1.0
    for k in range(1, servers + 1):
        b = offered_erlangs * b / (k + offered_erlangs * b)
    return b


@pytest.mark.parametrize(("servers", "offered"), [(1, 0.6), (2, 1.3), (3, 2.1), (8, 6.5)])
def test_erlang_c_matches_erlang_b_route(servers: int, offered: float) -> None:
    b = erlang_b(servers, offered)
    rho = offered / servers
    assert theory.erlang_c(servers, offered) == pytest.approx(b / (1 - rho * (1 - b)), rel=1e-12)


def test_erlang_c_known_values() -> None:
    assert theory.erlang_c(1, 0.6) == pytest.approx(0.6)  # M/M/1: P(wait) = rho
    assert theory.erlang_c(2, 1.0) == pytest.approx(1 / 3)  # (1/2 * 2) / (1 + 1 + 1)


def test_mm1_is_mmc_with_one_server() -> None:
    assert theory.mmc_wait_h(0.6, 1.0, 1) == pytest.approx(theory.mm1_wait_h(0.6, 1.0))
    assert theory.mm1_wait_h(0.6, 1.0) == pytest.approx(1.5)
    assert theory.mm1_sojourn_h(0.6, 1.0) == pytest.approx(1.5 + 1.0)


def test_md1_waits_half_as_long_as_mm1() -> None:
    # Pollaczek-Khinchine: W_q = lambda E[S^2] / (2 (1 - rho)); E[S^2] is 1/mu^2 (D) vs 2/mu^2 (M).
    assert theory.md1_wait_h(0.7, 1.0) == pytest.approx(theory.mm1_wait_h(0.7, 1.0) / 2)
    assert theory.md1_wait_h(0.7, 2.0) == pytest.approx(0.35 / (2 * 2.0 * 0.65))


def test_mm3_wait_value() -> None:
    # lambda 0.7/h, mean service 3 h, 3 berths: a = 2.1 erlangs, rho = 0.7
    a = 2.1
    busy = a**3 / math.factorial(3) * 3 / (3 - a)
    c = busy / (1 + a + a**2 / 2 + busy)
    assert theory.mmc_wait_h(0.7, 1 / 3, 3) == pytest.approx(c / (1.0 - 0.7))


@pytest.mark.parametrize(("lam", "mu", "c"), [(1.0, 1.0, 1), (2.5, 1.0, 2), (0.0, 1.0, 1)])
def test_unstable_or_empty_queue_is_refused(lam: float, mu: float, c: int) -> None:
    with pytest.raises(ValueError, match="0 < rho < 1"):
        theory.mmc_wait_h(lam, mu, c)
