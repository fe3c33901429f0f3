"""Daily samples of terminals and services (one event a day for the whole network)."""

from __future__ import annotations

from array import array
from collections.abc import Generator

import numpy as np
import simpy

from corridor_sim.engine.model import Model
from corridor_sim.scenario.calendar import HOURS_PER_DAY

Proc = Generator[simpy.Event, object, None]

NODE_FIELDS = ("yard_teu", "yard_t", "berth_busy_h", "closed_h", "berths", "yard_teu_cap",
               "yard_t_cap")
SERVICE_FIELDS = ("queue_teu", "queue_t", "queue_lots", "vehicle_away_h", "vehicles",
                  "closed_h", "berth_waiting")


class Monitor:
    """Arrays ``[day, element]`` of the state at the end of each simulated day.

    Levels (yards, queues) are end-of-day values; ``*_h`` fields are hours
    accumulated during the day (berth-hours busy, vehicle-hours away, hours closed).
    Each day appends one row of doubles per table (``array.array``: 8 bytes a value, not
    a Python float each); :attr:`node` and :attr:`service` turn the rows into arrays
    (days not reached stay zero).
    """

    def __init__(self, m: Model) -> None:
        self.days = int(np.ceil(m.horizon_h / HOURS_PER_DAY))
        self._shape_node = (len(m.nodes), len(NODE_FIELDS))
        self._shape_service = (len(m.services), len(SERVICE_FIELDS))
        self._node_rows: list[array[float]] = []
        self._service_rows: list[array[float]] = []

    def process(self, m: Model) -> Proc:
        """Sample at every day's end until the horizon."""
        env = m.env
        for day in range(self.days):
            end = min((day + 1) * HOURS_PER_DAY, m.horizon_h)
            if end > env.now:
                yield env.timeout(end - env.now)
            self._sample(m)

    def _sample(self, m: Model) -> None:
        row: list[float] = []
        for n in m.nodes:  # in NODE_FIELDS order; berth-hours and closed hours cumulative
            row += (n.yard_teu.level, n.yard_t.level, n.berths.busy_total_h(),
                    n.gate.closed_total_h(), n.berths.take_peak(),
                    n.yard_teu.capacity, n.yard_t.capacity)  # in force that day (inf: unbounded)
        self._node_rows.append(array("d", row))
        row = []
        for s in m.services:  # in SERVICE_FIELDS order; away and closed hours cumulative
            row += (s.queue.teu, s.queue.t, s.queue.lots, s.away.total_h(), s.vehicles_peak,
                    s.gate.closed_total_h(), s.origin.berths.waiting)
            s.vehicles_peak = s.active_vehicles  # a vehicle cut from the fleet counts until it retires
        self._service_rows.append(array("d", row))

    @property
    def node(self) -> dict[str, np.ndarray]:
        """Daily node arrays by field of :data:`NODE_FIELDS`."""
        return self._arrays(self._node_rows, self._shape_node, NODE_FIELDS,
                            ("berth_busy_h", "closed_h"))

    @property
    def service(self) -> dict[str, np.ndarray]:
        """Daily service arrays by field of :data:`SERVICE_FIELDS`."""
        return self._arrays(self._service_rows, self._shape_service, SERVICE_FIELDS,
                            ("vehicle_away_h", "closed_h"))

    def _arrays(self, rows: list[array[float]], shape: tuple[int, int], fields: tuple[str, ...],
                cumulative: tuple[str, ...]) -> dict[str, np.ndarray]:
        sampled = np.array(rows, dtype=np.float64).reshape(len(rows), *shape)
        out = {}
        for k, name in enumerate(fields):
            col = np.zeros((self.days, shape[0]))
            values = sampled[:, :, k]
            col[: len(rows)] = np.diff(values, axis=0, prepend=0.0) if name in cumulative else values
            out[name] = col
        return out
