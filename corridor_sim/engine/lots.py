"""Lots as columnar rows, and parcels: contiguous runs of lots that move together.

A lot is a container unit or a wagon-load. Lots of one arrival batch share a
flow and a route and get consecutive row numbers, so a *parcel* — the rows
``[start, stop)`` at one leg of their route — moves a whole batch with O(1)
Python work; a vehicle with less room splits a parcel in two.
"""

from __future__ import annotations

import numpy as np

WAITING, ON_VEHICLE, DELIVERED = 0, 1, 2


class Parcel:
    """Lots ``[start, stop)`` of one flow and route, at leg ``leg`` of the route."""

    __slots__ = ("leg", "route", "start", "stop", "t_each", "teu_each")

    def __init__(self, start: int, stop: int, route: int, leg: int,
                 teu_each: float, t_each: float) -> None:
        self.start = start
        self.stop = stop
        self.route = route
        self.leg = leg
        self.teu_each = teu_each
        self.t_each = t_each

    @property
    def n(self) -> int:
        """Number of lots."""
        return self.stop - self.start

    @property
    def teu(self) -> float:
        """TEU in the parcel."""
        return self.teu_each * (self.stop - self.start)

    @property
    def t(self) -> float:
        """Tonnes in the parcel."""
        return self.t_each * (self.stop - self.start)

    def split(self, n: int) -> Parcel:
        """Detach and return the first ``n`` lots; this parcel keeps the rest."""
        head = Parcel(self.start, self.start + n, self.route, self.leg, self.teu_each, self.t_each)
        self.start += n
        return head


class LotTable:
    """Growable columns, one row per lot, and per-leg timestamps (hours).

    Parameters
    ----------
    capacity : int
        Rows to allocate at first (doubles when full).
    max_legs : int
        Longest route, in services.
    """

    def __init__(self, capacity: int, max_legs: int) -> None:
        self.n = 0
        self.max_legs = max_legs
        cap = max(16, capacity)
        self.flow = np.zeros(cap, np.int32)
        self.route = np.zeros(cap, np.int32)
        self.teu = np.zeros(cap, np.float64)
        self.t = np.zeros(cap, np.float64)
        self.created_h = np.zeros(cap, np.float64)
        self.delivered_h = np.full(cap, np.nan)
        self.state = np.zeros(cap, np.int8)
        self.ready_h = np.full((cap, max_legs), np.nan)
        self.depart_h = np.full((cap, max_legs), np.nan)
        self.arrive_h = np.full((cap, max_legs), np.nan)

    _COLUMNS = ("flow", "route", "teu", "t", "created_h", "delivered_h", "state",
                "ready_h", "depart_h", "arrive_h")

    def _grow(self, need: int) -> None:
        cap = len(self.flow)
        new_cap = max(need, 2 * cap)
        for name in self._COLUMNS:
            old = getattr(self, name)
            fill = np.nan if old.dtype.kind == "f" and name not in ("teu", "t", "created_h") else 0
            new = np.full((new_cap, *old.shape[1:]), fill, dtype=old.dtype)
            new[:cap] = old
            setattr(self, name, new)

    def add(self, count: int, flow: int, route: int, teu_each: float, t_each: float,
            now_h: float) -> int:
        """Append ``count`` lots created now; return the first new row."""
        start = self.n
        stop = start + count
        if stop > len(self.flow):
            self._grow(stop)
        self.flow[start:stop] = flow
        self.route[start:stop] = route
        self.teu[start:stop] = teu_each
        self.t[start:stop] = t_each
        self.created_h[start:stop] = now_h
        self.ready_h[start:stop, 0] = now_h
        self.n = stop
        return start

    def trimmed(self) -> dict[str, np.ndarray]:
        """The filled rows of every column (copies)."""
        return {name: getattr(self, name)[: self.n].copy() for name in self._COLUMNS}
