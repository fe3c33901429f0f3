"""A service's fleet and its departure policy."""

from __future__ import annotations

from pydantic import Field, model_validator

from corridor_sim.scenario.base import MAX_VEHICLES, Fraction, NonNegFloat, PosFloat, Strict


class VehicleClass(Strict):
    """One class of vehicles in a mixed fleet: how many, what each carries, its speed,
    availability and operator. Unset ``availability`` / ``t_per_wagon`` /
    ``teu_per_wagon`` are the fleet's; ``speed_factor`` divides the service's
    ``transit_h`` and ``return_h`` (2: twice as fast)."""

    vehicles: int = Field(ge=0, le=MAX_VEHICLES)
    capacity_teu: PosFloat | None = None
    capacity_t: PosFloat | None = None
    capacity_wagons: int | None = Field(default=None, ge=1, le=MAX_VEHICLES)
    t_per_wagon: PosFloat | None = None
    teu_per_wagon: PosFloat | None = None
    availability: Fraction | None = None
    speed_factor: PosFloat = 1.0
    operator: str = ""
    sources: dict[str, str] = {}

    @model_validator(mode="after")
    def _has_capacity(self) -> VehicleClass:
        if self.capacity_teu is None and self.capacity_t is None and self.capacity_wagons is None:
            raise ValueError("a vehicle class needs capacity_teu, capacity_t or capacity_wagons "
                             "(what one of its vehicles carries)")
        return self


class Fleet(Strict):
    """Vehicles of a service and what each carries.

    ``capacity_wagons`` with ``t_per_wagon`` / ``teu_per_wagon`` is a shorthand
    for ``capacity_t`` / ``capacity_teu`` (rail ferries, block trains). A mixed fleet
    lists its ``classes`` (the fleet-level capacity may then be left out); ``vehicles``
    is shared out over them in order, so vehicles added by the timeline are of the last
    class.
    """

    vehicles: int = Field(ge=0, le=MAX_VEHICLES)
    capacity_teu: PosFloat | None = None
    capacity_t: PosFloat | None = None
    capacity_wagons: int | None = Field(default=None, ge=1, le=MAX_VEHICLES)
    t_per_wagon: PosFloat = 68.0
    teu_per_wagon: PosFloat = 2.0
    availability: Fraction = 1.0
    operator: str = ""
    classes: dict[str, VehicleClass] = {}

    @model_validator(mode="after")
    def _has_capacity(self) -> Fleet:
        if self.classes:
            if any(v is not None for v in (self.capacity_teu, self.capacity_t, self.capacity_wagons)):
                raise ValueError("a fleet with classes gives each class its capacity: move "
                                 "capacity_teu / capacity_t / capacity_wagons into the classes")
            return self
        if self.capacity_teu is None and self.capacity_t is None and self.capacity_wagons is None:
            raise ValueError(
                "a fleet needs capacity_teu, capacity_t or capacity_wagons "
                "(what one vehicle carries)"
            )
        return self

    def class_list(self) -> list[VehicleClass]:
        """The fleet's classes, ``vehicles`` shared out in their order (vehicles beyond the
        classes' sum are of the last class; fewer leave the last classes short); a plain
        fleet is one class of its own figures."""
        if self.classes:
            out, left = [], self.vehicles
            classes = list(self.classes.values())
            for i, c in enumerate(classes):
                n = left if i == len(classes) - 1 else min(c.vehicles, left)
                out.append(c.model_copy(update={"vehicles": n}))
                left -= n
            return out
        return [VehicleClass(vehicles=self.vehicles, capacity_teu=self.capacity_teu,
                             capacity_t=self.capacity_t, capacity_wagons=self.capacity_wagons,
                             operator=self.operator)]

    def class_teu(self, c: VehicleClass) -> float:
        """TEU one vehicle of class ``c`` carries (0 if no containers)."""
        if c.capacity_teu is not None:
            return c.capacity_teu
        if c.capacity_wagons is not None:
            return c.capacity_wagons * (c.teu_per_wagon or self.teu_per_wagon)
        return 0.0

    def class_t(self, c: VehicleClass) -> float:
        """Tonnes one vehicle of class ``c`` carries (infinite if only TEU-limited)."""
        if c.capacity_t is not None:
            return c.capacity_t
        if c.capacity_wagons is not None:
            return c.capacity_wagons * (c.t_per_wagon or self.t_per_wagon)
        return float("inf")

    def class_availability(self, c: VehicleClass) -> float:
        """Share of time a vehicle of class ``c`` is in service."""
        return c.availability if c.availability is not None else self.availability

    @property
    def vehicle_teu(self) -> float:
        """TEU one vehicle carries (0 if it carries no containers; the smallest class's)."""
        if self.classes:
            return min(self.class_teu(c) for c in self.classes.values())
        return self._plain_teu

    @property
    def vehicle_t(self) -> float:
        """Tonnes one vehicle carries (infinite if only TEU-limited; the smallest class's)."""
        if self.classes:
            return min(self.class_t(c) for c in self.classes.values())
        return self._plain_t

    @property
    def _plain_teu(self) -> float:
        """TEU one vehicle carries (0 if it carries no containers)."""
        if self.capacity_teu is not None:
            return self.capacity_teu
        if self.capacity_wagons is not None:
            return self.capacity_wagons * self.teu_per_wagon
        return 0.0

    @property
    def _plain_t(self) -> float:
        if self.capacity_t is not None:
            return self.capacity_t
        if self.capacity_wagons is not None:
            return self.capacity_wagons * self.t_per_wagon
        return float("inf")


class Headway(Strict):
    """Depart every ``every_h`` hours if a vehicle and cargo wait (no cargo: sailing cancelled)."""

    every_h: float = Field(ge=0.1)
    offset_h: NonNegFloat = 0.0

    @property
    def expected_wait_h(self) -> float:
        """Mean wait for a departure, hours (half a headway)."""
        return self.every_h / 2.0


class FullOrWait(Strict):
    """Depart when loaded to ``fill`` of capacity, or ``max_wait_h`` after the vehicle is ready."""

    fill: Fraction = 1.0
    max_wait_h: PosFloat = 72.0

    @property
    def expected_wait_h(self) -> float:
        """Mean wait for a departure, hours (half the maximum wait)."""
        return self.max_wait_h / 2.0


class Departure(Strict):
    """Departure policy: exactly one of its fields is set (each field is one policy;
    its engine behaviour lives in ``corridor_sim/engine/departures/<field>.py``)."""

    headway: Headway | None = None
    full_or_wait: FullOrWait | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, dict) and "every_h" in data:
            return {"headway": data}
        if isinstance(data, dict) and ("max_wait_h" in data or "fill" in data):
            return {"full_or_wait": data}
        return data

    @model_validator(mode="after")
    def _one_policy(self) -> Departure:
        if sum(getattr(self, f) is not None for f in type(self).model_fields) != 1:
            raise ValueError("a departure policy is either {every_h: ...} or {fill: ..., max_wait_h: ...}")
        return self

    @property
    def active(self) -> tuple[str, Headway | FullOrWait]:
        """The policy set: its field name and its settings."""
        for f in type(self).model_fields:
            cfg = getattr(self, f)
            if cfg is not None:
                return f, cfg
        raise ValueError("no departure policy set")  # pragma: no cover - the validator forbids it

    @property
    def expected_wait_h(self) -> float:
        """Mean wait for a departure under the active policy, hours."""
        return self.active[1].expected_wait_h
