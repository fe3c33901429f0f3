"""Lots as columnar rows, and parcels: contiguous runs of lots that move together.

A lot is a container unit or a wagon-load. Lots of one arrival batch share a
flow and a route and get consecutive row numbers, so a *parcel* — the rows
``[start, stop)`` at one leg of their route — moves a whole batch with O(1)
Python work; a vehicle with less room splits a parcel in two. What happens to a
parcel on a leg is one record (rows, leg, ready, depart, arrive hours), appended
when the leg ends: the results layer expands records to lots with numpy.
"""

from __future__ import annotations

import math

import numpy as np

WAITING, ON_VEHICLE, DELIVERED = 0, 1, 2
NAN = math.nan

# columns of a leg record
LEG_RECORD = ("start", "stop", "leg", "ready_h", "depart_h", "arrive_h")


class Parcel:
    """Lots ``[start, stop)`` of one flow and route, at leg ``leg`` of the route.

    ``ready_h`` is when the parcel joined the current leg's queue, ``depart_h``
    when its vehicle left (NaN until then). ``teu`` and ``t`` are totals.
    """

    __slots__ = ("depart_h", "leg", "n", "ready_h", "route", "start", "stop", "t",
                 "t_each", "teu", "teu_each")

    def __init__(self, start: int, stop: int, route: int, leg: int,
                 teu_each: float, t_each: float, ready_h: float) -> None:
        self.start = start
        self.stop = stop
        self.route = route
        self.leg = leg
        self.teu_each = teu_each
        self.t_each = t_each
        self.n = stop - start
        self.teu = teu_each * self.n
        self.t = t_each * self.n
        self.ready_h = ready_h
        self.depart_h = NAN

    def split(self, n: int) -> Parcel:
        """Detach and return the first ``n`` lots; this parcel keeps the rest."""
        head = Parcel(self.start, self.start + n, self.route, self.leg, self.teu_each,
                      self.t_each, self.ready_h)
        self.start += n
        self.n -= n
        self.teu = self.teu_each * self.n
        self.t = self.t_each * self.n
        return head

    def record(self, arrive_h: float) -> tuple[int, int, int, float, float, float]:
        """The leg record of this parcel arriving at ``arrive_h``."""
        return (self.start, self.stop, self.leg, self.ready_h, self.depart_h, arrive_h)


class LotTable:
    """Growable columns, one row per lot: flow, route, TEU, t and creation hour.

    Parameters
    ----------
    capacity : int
        Rows to allocate at first (doubles when full).
    """

    _COLUMNS = ("flow", "route", "teu", "t", "created_h")

    def __init__(self, capacity: int) -> None:
        self.n = 0
        cap = max(16, capacity)
        self.flow = np.zeros(cap, np.int32)
        self.route = np.zeros(cap, np.int32)
        self.teu = np.zeros(cap, np.float64)
        self.t = np.zeros(cap, np.float64)
        self.created_h = np.zeros(cap, np.float64)

    def _grow(self, need: int) -> None:
        cap = len(self.flow)
        new_cap = max(need, 2 * cap)
        for name in self._COLUMNS:
            old = getattr(self, name)
            new = np.zeros(new_cap, dtype=old.dtype)
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
        self.n = stop
        return start

    def trimmed(self) -> dict[str, np.ndarray]:
        """The filled rows of every column (copies)."""
        return {name: getattr(self, name)[: self.n].copy() for name in self._COLUMNS}
