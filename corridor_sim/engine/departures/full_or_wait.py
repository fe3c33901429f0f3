"""Full-or-wait: leave when the queue fills ``fill`` of a vehicle, or ``max_wait_h`` after the call."""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import TYPE_CHECKING

import simpy
from simpy.events import Timeout

from corridor_sim.engine.departures.gates import first_of, wait_open

if TYPE_CHECKING:
    from corridor_sim.engine.state import ServiceState
    from corridor_sim.scenario.fleet import FullOrWait

Proc = Generator[simpy.Event, object, None]


class FullOrWaitPolicy:
    """Go when cargo for ``fill`` of a vehicle waits, or with what waits after ``max_wait_h``."""

    __slots__ = ("fill", "max_wait_h", "s")

    def __init__(self, cfg: FullOrWait, s: ServiceState) -> None:
        self.fill = cfg.fill
        self.max_wait_h = cfg.max_wait_h
        self.s = s

    def wait(self) -> Proc:
        """Wait until the vehicle is full enough or has waited long enough (and gates are open)."""
        s = self.s
        env = s.env
        ready = env.now
        q = s.queue
        fill, max_wait_h = self.fill, self.max_wait_h
        while True:
            waited = env.now - ready
            if q.lots > 0 and (q.load_fraction(s.cap_teu, s.cap_t) >= fill - 1e-9
                               or waited >= max_wait_h - 1e-9):
                if s.gate.is_open and s.origin.gate.is_open:
                    return
                yield from wait_open(s)
                continue
            if waited < max_wait_h - 1e-9:
                full = q.changed(fill * s.cap_teu if s.cap_teu > 0 else math.inf,
                                 fill * s.cap_t if s.cap_t > 0 else math.inf)
                yield first_of(env, full, Timeout(env, max_wait_h - waited))
            else:
                yield q.changed()
