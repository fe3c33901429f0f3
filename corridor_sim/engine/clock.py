"""The Poisson clock: event times of a Poisson process with a piecewise-constant rate.

Cargo arrivals (rate by month, growth and dated changes) and storms (closure starts
by month) both run on it. One Exp(1) draw is spent across the pieces of constant
rate — ``e / rate`` hours inside a piece, ``rate * length`` of it used up by each
piece it crosses — so the next event is found exactly, with no thinning.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Protocol

Times = Generator[float, "float | None", None]
"""Yields event times (hours); ``send(t_h)`` resumes the clock at ``t_h`` instead."""


class PiecewiseRate(Protocol):
    """A rate that is constant between bounds."""

    def rate_per_h(self, t_h: float) -> float:
        """Events per hour at ``t_h``."""
        ...

    def next_bound_h(self, t_h: float) -> float:
        """The next time after ``t_h`` at which the rate may change (inf if none)."""
        ...


def poisson_times(rate: PiecewiseRate, start_h: float, horizon_h: float,
                  draw: Callable[[], float]) -> Times:
    """Event times after ``start_h`` and before ``horizon_h``.

    Parameters
    ----------
    rate : PiecewiseRate
        The process's rate.
    start_h, horizon_h : float
        The clock runs from ``start_h``; it stops at the first event at or after the
        horizon, or when a piece reaching the horizon holds no further event.
    draw : callable
        The unit of work to the next event: an Exp(1) draw (Poisson), or ``1.0``
        (evenly spaced events). Drawn once at the start and once after each event.

    Notes
    -----
    A consumer that is busy after an event (a storm closing its gates for a while)
    ``send`` s the time it resumes: the clock then counts from there with a fresh
    draw. Within a piece the rate and the bound are looked up once, however many
    events fall in it.
    """
    t = start_h
    e = draw()
    while True:
        r = rate.rate_per_h(t)
        bound = rate.next_bound_h(t)
        if r > 0.0 and t + e / r <= bound:
            while t + e / r <= bound:
                t += e / r
                if t >= horizon_h:
                    return
                resume = yield t
                e = draw()
                if resume is not None:
                    t = resume
                    break
                if t >= bound:
                    break  # an event exactly at the bound: the next piece begins
            else:
                if bound >= horizon_h:
                    return
                e -= r * (bound - t)
                t = bound
            continue
        if bound >= horizon_h:
            return
        e -= r * (bound - t)
        t = bound
