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

from corridor_sim.engine.records import Records

WAITING, ON_VEHICLE, DELIVERED = 0, 1, 2
NAN = math.nan

# columns of a leg record
LEG_RECORD = ("start", "stop", "leg", "ready_h", "depart_h", "arrive_h")
# columns of a vehicle trip record
TRIP_COLUMNS = ("service", "vehicle", "call_h", "load_start_h", "depart_h", "arrive_h",
                "unloaded_h", "teu", "t", "lots", "cap_teu", "cap_t", "fleet", "operator", "wagons")
# one row per return leg of a vehicle: the service that owns it, when it left the far end,
# 1 if it carried cargo back (a backhaul trip, also in the trips), 0 if it ran empty
RETURN_COLUMNS = ("fleet", "leave_h", "loaded")
# one row per call of a background (non-corridor) flow at its terminal
BACKGROUND_COLUMNS = ("flow", "arrive_h", "start_h", "end_h", "teu", "t")


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
    """One row per lot: flow, route, TEU, t and creation hour.

    Lots are created in batches of identical rows, so the table keeps one record per
    batch (count, flow, route, TEU and t per lot, hour) and expands it with numpy
    in :meth:`trimmed`.
    """

    _COLUMNS = ("flow", "route", "teu", "t", "created_h")
    _DTYPES = (np.int32, np.int32, np.float64, np.float64, np.float64)

    def __init__(self) -> None:
        self.n = 0
        self.batches = Records(6)

    def add(self, count: int, flow: int, route: int, teu_each: float, t_each: float,
            now_h: float) -> int:
        """Append ``count`` lots created now; return the first new row."""
        start = self.n
        self.n = start + count
        self.batches.add((count, flow, route, teu_each, t_each, now_h))
        return start

    def trimmed(self) -> dict[str, np.ndarray]:
        """Every column, one entry per lot (new arrays)."""
        b = self.batches.array()
        counts = b[:, 0].astype(np.int64)
        return {name: np.repeat(b[:, k + 1].astype(dtype), counts)
                for k, (name, dtype) in enumerate(zip(self._COLUMNS, self._DTYPES))}
