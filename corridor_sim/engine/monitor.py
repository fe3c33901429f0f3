"""Daily samples of terminals and services (one event a day for the whole network)."""

from __future__ import annotations

from collections.abc import Generator

import numpy as np
import simpy

from corridor_sim.engine.calendar import HOURS_PER_DAY
from corridor_sim.engine.model import Model

Proc = Generator[simpy.Event, object, None]

NODE_FIELDS = ("yard_teu", "yard_t", "berth_busy_h", "closed_h", "berths")
SERVICE_FIELDS = ("queue_teu", "queue_t", "queue_lots", "vehicle_away_h", "vehicles",
                  "closed_h", "berth_waiting")


class Monitor:
    """Arrays ``[day, element]`` filled at the end of each simulated day.

    Levels (yards, queues) are end-of-day values; ``*_h`` fields are hours
    accumulated during the day (berth-hours busy, vehicle-hours away, hours closed).
    """

    def __init__(self, m: Model) -> None:
        days = int(np.ceil(m.horizon_h / HOURS_PER_DAY))
        self.days = days
        self.node = {k: np.zeros((days, len(m.nodes))) for k in NODE_FIELDS}
        self.service = {k: np.zeros((days, len(m.services))) for k in SERVICE_FIELDS}
        self._prev_node = np.zeros((2, len(m.nodes)))
        self._prev_service = np.zeros((2, len(m.services)))

    def process(self, m: Model) -> Proc:
        """Sample at every day's end until the horizon."""
        env = m.env
        for day in range(self.days):
            end = min((day + 1) * HOURS_PER_DAY, m.horizon_h)
            if end > env.now:
                yield env.timeout(end - env.now)
            self._sample(m, day)

    def _sample(self, m: Model, day: int) -> None:
        busy = np.array([n.berths.busy_total_h() for n in m.nodes])
        closed = np.array([n.gate.closed_total_h() for n in m.nodes])
        nd = self.node
        nd["yard_teu"][day] = [n.yard_teu.level for n in m.nodes]
        nd["yard_t"][day] = [n.yard_t.level for n in m.nodes]
        nd["berth_busy_h"][day] = busy - self._prev_node[0]
        nd["closed_h"][day] = closed - self._prev_node[1]
        nd["berths"][day] = [n.berths.take_peak() for n in m.nodes]
        self._prev_node = np.vstack([busy, closed])
        away = np.array([s.away.total_h() for s in m.services])
        s_closed = np.array([s.gate.closed_total_h() for s in m.services])
        sd = self.service
        sd["queue_teu"][day] = [s.queue.teu for s in m.services]
        sd["queue_t"][day] = [s.queue.t for s in m.services]
        sd["queue_lots"][day] = [s.queue.lots for s in m.services]
        sd["vehicle_away_h"][day] = away - self._prev_service[0]
        sd["vehicles"][day] = [s.vehicles_peak for s in m.services]
        for s in m.services:  # a vehicle cut from the fleet counts until it retires
            s.vehicles_peak = s.active_vehicles
        sd["closed_h"][day] = s_closed - self._prev_service[1]
        sd["berth_waiting"][day] = [s.origin.berths.waiting for s in m.services]
        self._prev_service = np.vstack([away, s_closed])
