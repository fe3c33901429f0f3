"""The queue of cargo waiting for a service at its origin node."""

from __future__ import annotations

from collections import deque

import simpy
from simpy.events import Event

from corridor_sim.engine.lots import Parcel


class CargoQueue:
    """FIFO of parcels; vehicles wait on :meth:`changed` for new cargo."""

    __slots__ = ("_env", "_min_t", "_min_teu", "_signal", "lots", "parcels", "t", "teu")

    def __init__(self, env: simpy.Environment) -> None:
        self._env = env
        self.parcels: deque[Parcel] = deque()
        self.teu = 0.0
        self.t = 0.0
        self.lots = 0
        self._signal: simpy.Event | None = None
        self._min_teu = 0.0
        self._min_t = 0.0

    def push(self, parcel: Parcel) -> None:
        """Add a parcel at the back and wake the waiting vehicle if its threshold is reached."""
        self.parcels.append(parcel)
        self.teu += parcel.teu
        self.t += parcel.t
        self.lots += parcel.n
        if self._signal is not None and (self.teu >= self._min_teu or self.t >= self._min_t):
            self._signal.succeed()
            self._signal = None

    def push_ready(self, group: list[Parcel], now_h: float) -> None:
        """Push parcels that became ready now (``ready_h`` set), in order.

        The same as pushing them one by one: nothing else happens between the pushes,
        so the waiting vehicle is woken (at most once) after the group.
        """
        append = self.parcels.append
        teu, t, lots = self.teu, self.t, self.lots
        for p in group:
            p.ready_h = now_h
            append(p)
            teu += p.teu
            t += p.t
            lots += p.n
        self.teu, self.t, self.lots = teu, t, lots
        if self._signal is not None and (teu >= self._min_teu or t >= self._min_t):
            self._signal.succeed()
            self._signal = None

    def changed(self, min_teu: float = 0.0, min_t: float = 0.0) -> simpy.Event:
        """An event that fires at the first push after which the queue holds at least
        ``min_teu`` TEU or ``min_t`` tonnes (with both 0: at the next push).

        One vehicle waits at a time (the one holding the service's call line); a new
        call replaces an earlier, abandoned one.
        """
        self._signal = Event(self._env)
        self._min_teu = min_teu - 1e-9
        self._min_t = min_t - 1e-9
        return self._signal

    def take(self, room_teu: float, room_t: float) -> list[Parcel]:
        """Remove parcels from the front that fit in ``room_teu`` and ``room_t``.

        The first parcel that does not fit whole is split; loading stops there
        (first in, first out: nothing overtakes it).
        """
        taken: list[Parcel] = []
        parcels = self.parcels
        teu, t, lots = self.teu, self.t, self.lots
        while parcels:
            head = parcels[0]
            fit = head.n
            if room_teu < head.teu:
                fit = min(fit, int(room_teu / head.teu_each + 1e-9))
            if room_t < head.t:
                fit = min(fit, int(room_t / head.t_each + 1e-9))
            if fit <= 0:
                break
            whole = fit == head.n
            part = parcels.popleft() if whole else head.split(fit)
            taken.append(part)
            room_teu -= part.teu
            room_t -= part.t
            teu -= part.teu
            t -= part.t
            lots -= part.n
            if not whole:
                break
        if not parcels:
            teu = t = 0.0
        self.teu, self.t, self.lots = teu, t, lots
        return taken

    def load_fraction(self, cap_teu: float, cap_t: float) -> float:
        """Waiting cargo as a fraction of one vehicle's capacity (the larger of TEU and t)."""
        f_teu = self.teu / cap_teu if cap_teu > 0 else 0.0
        f_t = self.t / cap_t if cap_t > 0 else 0.0
        return max(f_teu, f_t)
