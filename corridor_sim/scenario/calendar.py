"""Calendar arithmetic: simulation hours from the scenario's start date."""

from __future__ import annotations

import bisect
import datetime as dt

HOURS_PER_DAY = 24.0
HOURS_PER_YEAR = 8766.0  # 365.25 days


def hours_since(start: dt.date, day: dt.date) -> float:
    """Hours from ``start`` to the beginning of ``day``."""
    return (day - start).days * HOURS_PER_DAY


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


class Calendar:
    """Month boundaries over a horizon, for monthly rates and calendar years.

    Parameters
    ----------
    start : datetime.date
        Simulation time 0.
    horizon_h : float
        Length of the run in hours.
    """

    def __init__(self, start: dt.date, horizon_h: float) -> None:
        self.start = start
        self.horizon_h = horizon_h
        first = dt.date(start.year, start.month, 1)
        self.bounds_h: list[float] = []
        self.months: list[int] = []
        self.years: list[int] = []
        day = first
        while True:
            self.bounds_h.append(max(0.0, hours_since(start, day)))
            self.months.append(day.month - 1)
            self.years.append(day.year)
            day = _next_month(day)
            if hours_since(start, day) > horizon_h:
                break

    def index(self, t_h: float) -> int:
        """Index of the month piece holding time ``t_h``."""
        return max(0, bisect.bisect_right(self.bounds_h, t_h) - 1)

    def month(self, t_h: float) -> int:
        """Month (0 = January) at time ``t_h``."""
        return self.months[self.index(t_h)]

    def next_bound_h(self, t_h: float) -> float:
        """Start of the next month after ``t_h`` (infinity past the last)."""
        i = self.index(t_h) + 1
        return self.bounds_h[i] if i < len(self.bounds_h) else float("inf")

    def date_of(self, t_h: float) -> dt.datetime:
        """Wall-clock time of simulation hour ``t_h``."""
        return dt.datetime.combine(self.start, dt.time()) + dt.timedelta(hours=t_h)
