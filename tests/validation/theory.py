"""Closed-form results of queueing theory used as references (times in hours).

Rates are per hour: ``lam_per_h`` arrivals, ``mu_per_h`` services of one server.
"""

from __future__ import annotations


def utilization(lam_per_h: float, mu_per_h: float, servers: int = 1) -> float:
    """Offered load per server, rho = lambda / (c mu)."""
    return lam_per_h / (servers * mu_per_h)


def _stable(lam_per_h: float, mu_per_h: float, servers: int) -> None:
    if not 0.0 < utilization(lam_per_h, mu_per_h, servers) < 1.0:
        raise ValueError(f"a queue needs 0 < rho < 1: lambda={lam_per_h}/h, mu={mu_per_h}/h, c={servers}")


def erlang_c(servers: int, offered_erlangs: float) -> float:
    """Probability that an arrival waits in M/M/c (Erlang's C formula).

    Parameters
    ----------
    servers : int
        Number of servers c.
    offered_erlangs : float
        Offered load a = lambda / mu (erlangs), below ``servers``.
    """
    c, a = servers, offered_erlangs
    term = 1.0
    below = 0.0
    for k in range(c):
        below += term
        term *= a / (k + 1)
    busy = term * c / (c - a)
    return busy / (below + busy)


def mmc_wait_h(lam_per_h: float, mu_per_h: float, servers: int) -> float:
    """Mean wait in queue of M/M/c, W_q = C(c, a) / (c mu - lambda), hours."""
    _stable(lam_per_h, mu_per_h, servers)
    return erlang_c(servers, lam_per_h / mu_per_h) / (servers * mu_per_h - lam_per_h)


def mm1_wait_h(lam_per_h: float, mu_per_h: float) -> float:
    """Mean wait in queue of M/M/1, W_q = rho / (mu - lambda), hours."""
    _stable(lam_per_h, mu_per_h, 1)
    return utilization(lam_per_h, mu_per_h) / (mu_per_h - lam_per_h)


def mm1_sojourn_h(lam_per_h: float, mu_per_h: float) -> float:
    """Mean time in an M/M/1 station, W = 1 / (mu - lambda), hours (Jackson, Burke)."""
    _stable(lam_per_h, mu_per_h, 1)
    return 1.0 / (mu_per_h - lam_per_h)


def md1_wait_h(lam_per_h: float, mu_per_h: float) -> float:
    """Mean wait in queue of M/D/1 (Pollaczek-Khinchine), W_q = rho / (2 mu (1 - rho)), hours."""
    _stable(lam_per_h, mu_per_h, 1)
    rho = utilization(lam_per_h, mu_per_h)
    return rho / (2.0 * mu_per_h * (1.0 - rho))
