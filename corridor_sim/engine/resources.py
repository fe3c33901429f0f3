"""Small SimPy resources with adjustable capacity and time-integrated usage.

``simpy.Resource`` cannot change its capacity mid-run (a berth opens, a fleet
grows), so the corridor uses these: a :class:`Gate` (open or closed), a
:class:`Berths` counting semaphore and a :class:`Yard` with blocking puts.
"""

from __future__ import annotations

from collections import deque

import simpy
from simpy.events import Event


class Gate:
    """Open unless at least one closure holds it (closures may overlap)."""

    __slots__ = ("_env", "_waiters", "closed_h", "closures", "since_h")

    def __init__(self, env: simpy.Environment) -> None:
        self._env = env
        self.closures = 0
        self._waiters: list[simpy.Event] = []
        self.closed_h = 0.0
        self.since_h = 0.0

    @property
    def is_open(self) -> bool:
        """True when no closure holds the gate."""
        return self.closures == 0

    def close(self) -> None:
        """Add one closure."""
        if self.closures == 0:
            self.since_h = self._env.now
        self.closures += 1

    def open(self) -> None:
        """Lift one closure; wake every waiter when the last one goes."""
        self.closures -= 1
        if self.closures == 0:
            self.closed_h += self._env.now - self.since_h
            waiters, self._waiters = self._waiters, []
            for ev in waiters:
                ev.succeed()

    def closed_total_h(self) -> float:
        """Hours closed so far, including a closure still running."""
        running = self._env.now - self.since_h if self.closures else 0.0
        return self.closed_h + running

    def wait_open(self) -> simpy.Event:
        """An event that fires when the gate is (or becomes) open."""
        ev = self._env.event()
        if self.closures == 0:
            ev.succeed()
        else:
            self._waiters.append(ev)
        return ev


class Berths:
    """Parallel servers (berths, tracks) granted first come, first served.

    ``busy_h`` integrates the number of servers in use over time (server-hours).
    ``peak`` is the most servers there were since :meth:`take_peak` (a cut in capacity
    leaves the servers in use working until they finish: they still count).
    """

    __slots__ = ("_env", "_last_h", "_queue", "busy_h", "capacity", "in_use", "peak")

    def __init__(self, env: simpy.Environment, capacity: int) -> None:
        self._env = env
        self.capacity = capacity
        self.peak = capacity
        self.in_use = 0
        self._queue: deque[simpy.Event] = deque()
        self.busy_h = 0.0
        self._last_h = 0.0

    def _account(self) -> None:
        now = self._env.now
        self.busy_h += self.in_use * (now - self._last_h)
        self._last_h = now

    def busy_total_h(self) -> float:
        """Server-hours used up to now."""
        return self.busy_h + self.in_use * (self._env.now - self._last_h)

    def request(self) -> simpy.Event:
        """An event that fires when a server is granted."""
        ev = Event(self._env)
        if self.in_use < self.capacity and not self._queue:
            self._account()
            self.in_use += 1
            ev.succeed()
        else:
            self._queue.append(ev)
        return ev

    def try_acquire(self) -> bool:
        """Take a server at once if one is free and nobody waits (no event needed)."""
        in_use = self.in_use
        if in_use < self.capacity and not self._queue:
            now = self._env.now
            self.busy_h += in_use * (now - self._last_h)  # _account(), inlined: a hot path
            self._last_h = now
            self.in_use = in_use + 1
            return True
        return False

    def release(self) -> None:
        """Give a server back and grant it to the next in line."""
        now = self._env.now
        self.busy_h += self.in_use * (now - self._last_h)  # _account(), inlined
        self._last_h = now
        self.in_use -= 1
        if self._queue:
            self._grant()

    def set_capacity(self, capacity: int) -> None:
        """Change the number of servers (servers in use finish their work)."""
        self.capacity = capacity
        self.peak = max(self.peak, capacity)
        self._grant()

    def take_peak(self) -> int:
        """The most servers since the last call (capacity, or servers still in use after a cut)."""
        peak, self.peak = self.peak, max(self.capacity, self.in_use)
        return peak

    def _grant(self) -> None:
        while self._queue and self.in_use < self.capacity:
            self._account()
            self.in_use += 1
            self._queue.popleft().succeed()

    @property
    def waiting(self) -> int:
        """Requests in line."""
        return len(self._queue)


class Yard:
    """Storage with a capacity; a put larger than the free space waits (backpressure).

    Puts are served first come, first served, so a large put is not starved.
    ``capacity`` of ``inf`` means unbounded.
    """

    __slots__ = ("_env", "_queue", "capacity", "level", "peak")

    def __init__(self, env: simpy.Environment, capacity: float) -> None:
        self._env = env
        self.capacity = capacity
        self.level = 0.0
        self.peak = 0.0
        self._queue: deque[tuple[float, simpy.Event]] = deque()

    def put(self, amount: float) -> simpy.Event:
        """An event that fires once ``amount`` has been stored."""
        ev = self._env.event()
        if not self._queue and self.level + amount <= self.capacity + 1e-9:
            self._store(amount)
            ev.succeed()
        else:
            self._queue.append((amount, ev))
        return ev

    def try_put(self, amount: float) -> bool:
        """Store ``amount`` at once if it fits and nobody waits (no event needed)."""
        if not self._queue and self.level + amount <= self.capacity + 1e-9:
            self._store(amount)
            return True
        return False

    def get(self, amount: float) -> None:
        """Remove ``amount`` (cargo leaves the yard) and admit waiting puts."""
        self.level = max(0.0, self.level - amount)
        self._admit()

    def set_capacity(self, capacity: float) -> None:
        """Change the capacity and admit waiting puts that now fit."""
        self.capacity = capacity
        self._admit()

    def _store(self, amount: float) -> None:
        self.level += amount
        self.peak = max(self.peak, self.level)

    def _admit(self) -> None:
        while self._queue and self.level + self._queue[0][0] <= self.capacity + 1e-9:
            amount, ev = self._queue.popleft()
            self._store(amount)
            ev.succeed()


class Tally:
    """A level (e.g. vehicles away on a trip) and its time integral (level-hours)."""

    __slots__ = ("_env", "_last_h", "area_h", "level")

    def __init__(self, env: simpy.Environment) -> None:
        self._env = env
        self.level = 0
        self.area_h = 0.0
        self._last_h = 0.0

    def add(self, delta: int) -> None:
        """Change the level by ``delta`` now."""
        now = self._env.now
        self.area_h += self.level * (now - self._last_h)
        self._last_h = now
        self.level += delta

    def total_h(self) -> float:
        """Level-hours up to now."""
        return self.area_h + self.level * (self._env.now - self._last_h)
