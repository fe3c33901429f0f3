"""Headway: one departure per slot ``offset_h + k * every_h`` if a vehicle and cargo wait."""

from __future__ import annotations

import math
from collections.abc import Generator
from typing import TYPE_CHECKING

import simpy

from corridor_sim.engine.departures.gates import wait_open

if TYPE_CHECKING:
    from corridor_sim.engine.state import ServiceState
    from corridor_sim.scenario.fleet import Headway

Proc = Generator[simpy.Event, object, None]


class HeadwayPolicy:
    """At its slot a vehicle goes if cargo waits (after the gates open, if closed); the
    slot is then used and the next vehicle takes a later one. No cargo: the slot is lost."""

    __slots__ = ("every_h", "last_slot_h", "offset_h", "s")

    def __init__(self, cfg: Headway, s: ServiceState) -> None:
        self.every_h = cfg.every_h
        self.offset_h = cfg.offset_h
        self.last_slot_h = -math.inf  # the last slot a vehicle departed in
        self.s = s

    def wait(self) -> Proc:
        """Wait for the next usable slot with cargo waiting."""
        s = self.s
        env = s.env
        every_h, offset_h = self.every_h, self.offset_h
        while True:
            k = math.ceil((env.now - offset_h) / every_h - 1e-9)
            slot = offset_h + max(k, 0) * every_h
            if slot <= self.last_slot_h + 1e-9:
                slot = self.last_slot_h + every_h
            if slot > env.now:
                yield env.timeout(slot - env.now)
            if s.queue.lots > 0:
                yield from wait_open(s)
                if s.queue.lots > 0:
                    self.last_slot_h = slot
                    return
            yield env.timeout(every_h)
