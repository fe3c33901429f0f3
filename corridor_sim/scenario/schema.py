"""Typed scenario schema (pydantic, ``extra="forbid"``).

Every quantity carries its unit in its name: ``_t`` tonnes, ``_teu`` twenty-foot
equivalent units, ``_km`` kilometres, ``_h`` hours, ``_days`` days,
``_per_h`` per hour, ``_per_year`` per year, ``usd`` US dollars.
A ``sources`` mapping beside the figures of a node, service or flow names where
each figure comes from (a reference, or the word "assumption").
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from corridor_sim.scenario.background import Background
from corridor_sim.scenario.base import (
    LAST_END,
    MAX_BATCH_LOTS,
    MAX_BERTHS,
    MAX_HORIZON_DAYS,
    Fraction,
    NonNegFloat,
    PosFloat,
    Sources,
    Strict,
    TwelveMonths,
)
from corridor_sim.scenario.cargo import CARGO, CARGO_CLASSES, CargoClass
from corridor_sim.scenario.choice import RouteChoice
from corridor_sim.scenario.distributions import Dist
from corridor_sim.scenario.fleet import Departure, Fleet, FullOrWait, Headway
from corridor_sim.scenario.terminal_kinds import NodeKind

Mode = Literal["rail", "rail_ferry", "feeder", "roro", "tanker", "road", "pipeline"]

__all__ = ["CARGO_CLASSES", "Background", "CargoClass", "Departure", "Fleet", "FullOrWait",
           "Headway", "RouteChoice", "Strict"]


class Run(Strict):
    """Simulation clock.

    Simulation time is hours from ``start``. The first ``warmup_days`` are
    simulated but not counted in the KPIs.
    """

    start: dt.date = dt.date(2025, 1, 1)
    horizon_days: float = Field(default=365.0, gt=0, le=MAX_HORIZON_DAYS)
    warmup_days: NonNegFloat = 0.0
    seed: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _warmup_inside_horizon(self) -> Run:
        if self.warmup_days >= self.horizon_days:
            raise ValueError(
                f"warmup_days ({self.warmup_days}) must be shorter than horizon_days "
                f"({self.horizon_days}); lengthen the horizon or shorten the warm-up"
            )
        if (LAST_END - self.start).days <= self.horizon_days:
            raise ValueError(f"the run must end before {LAST_END}")
        return self


class Handling(Strict):
    """Handling rates of a terminal, per berth/track: TEU/h for containers, t/h otherwise."""

    container_teu_per_h: PosFloat | None = None
    dry_bulk_t_per_h: PosFloat | None = None
    liquid_bulk_t_per_h: PosFloat | None = None
    general_t_per_h: PosFloat | None = None


class DatedClosure(Strict):
    """A closure from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: dt.date
    end: dt.date
    reason: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> DatedClosure:
        if self.end <= self.start:
            raise ValueError(f"closure end {self.end} must be after its start {self.start}")
        return self


class Node(Strict):
    """A terminal: a demand zone, border station, rail hub or seaport.

    ``berths`` are parallel servers for vehicles (berths at a port, tracks at a
    station). Each handling takes load / rate hours times a draw of
    ``handling_factor`` (mean 1 for unbiased rates; ``{exponential: 1}`` gives
    exponential handling times). ``None`` for yards means an unbounded yard.
    ``expandable`` names fields a planner may buy more of (``berths``,
    ``handling.container_teu_per_h``, ...) for ``corridor-sim capacity --target``.
    """

    name: str = ""
    kind: NodeKind
    country: str = ""
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    berths: int = Field(default=1, ge=1, le=MAX_BERTHS)
    handling: Handling = Handling()
    handling_factor: Dist = Dist(fixed=1.0)
    yard_teu: PosFloat | None = None
    yard_t: PosFloat | None = None
    dwell_h: Dist = Dist(fixed=0.0)
    handling_fee_usd_per_teu: NonNegFloat = 0.0
    handling_fee_usd_per_t: NonNegFloat = 0.0
    weather: str | None = None
    closures: list[DatedClosure] = []
    capacity_t_per_year: PosFloat | None = None
    capacity_teu_per_year: PosFloat | None = None
    expandable: dict[str, ExpansionOption] = {}
    sources: Sources = {}


class Service(Strict):
    """A transport service: a directed edge ``from`` → ``to`` with its own fleet.

    Vehicles return to ``from`` in ``return_h`` (default: ``transit_h``): empty, or, with
    ``backhaul`` naming the service ``to`` → ``from``, loaded with what waits for that
    service when the vehicle has unloaded (the same fleet carries both ways; it runs
    empty only when nothing waits).
    """

    name: str = ""
    mode: Mode
    from_: str = Field(alias="from")
    to: str
    cargo: list[CargoClass] = list(CARGO_CLASSES)
    groups: list[str] = []
    distance_km: PosFloat
    transit_h: Dist
    return_h: Dist | None = None
    backhaul: str | None = None
    fleet: Fleet
    departure: Departure = Departure(full_or_wait=FullOrWait())
    capacity_factor: Fraction = 1.0
    tariff_usd_per_teu: NonNegFloat = 0.0
    tariff_usd_per_t: NonNegFloat = 0.0
    emission_factor_g_per_tkm: NonNegFloat | None = None  # WTW g CO2e per t-km; None: data/emissions.yaml
    weather: str | None = None
    closures: list[DatedClosure] = []
    enabled: bool = True
    expandable: dict[str, ExpansionOption] = {}
    sources: Sources = {}

    def carries(self, cargo: CargoClass) -> bool:
        """True if the service takes ``cargo`` and its vehicles have room for it (TEU for
        containers, tonnes otherwise): a vehicle sized only in TEU carries no bulk."""
        if cargo not in self.cargo:
            return False
        if CARGO[cargo].by_teu:
            return self.fleet.vehicle_teu > 0
        return math.isfinite(self.fleet.vehicle_t)

    @field_validator("cargo")
    @classmethod
    def _some_cargo(cls, v: list[CargoClass]) -> list[CargoClass]:
        if not v:
            raise ValueError("a service must carry at least one cargo class")
        return v


class ExpansionOption(Strict):
    """An expansion a planner may buy: one ``step`` of the field for ``unit_cost_usd``."""

    step: PosFloat = 1.0
    max_steps: int = Field(default=10, ge=1)
    unit_cost_usd: NonNegFloat


class Shares(Strict):
    """One alternative route and the share of the flow's arrivals that takes it."""

    route: list[str] = Field(min_length=2)
    share: PosFloat


class Flow(Strict):
    """A cargo flow from ``origin`` to ``destination``.

    Lots (a container unit, a wagon-load) arrive in batches (``batch_lots``,
    e.g. a block train) by a Poisson process (or, with ``arrival: regular``, at
    evenly spaced times) whose rate follows ``seasonality`` (12 monthly weights,
    normalised to a mean of 1) and grows by ``growth_per_year`` each calendar
    year after the first year of the measurement window.
    """

    name: str = ""
    origin: str
    destination: str
    cargo: CargoClass
    annual_t: NonNegFloat | None = None
    annual_teu: NonNegFloat | None = None
    t_per_teu: PosFloat = 12.0
    lot_teu: PosFloat = 2.0
    lot_t: PosFloat = 68.0
    batch_lots: int = Field(default=1, ge=1, le=MAX_BATCH_LOTS)
    arrival: Literal["poisson", "regular"] = "poisson"
    seasonality: Annotated[list[PosFloat], TwelveMonths] = Field(default_factory=lambda: [1.0] * 12)
    growth_per_year: float = Field(default=0.0, gt=-1, le=10)
    route: Literal["auto"] | list[str] | list[Shares] | RouteChoice = "auto"
    value_of_time_usd_per_t_h: NonNegFloat = 0.5
    groups: list[str] = []
    enabled: bool = True
    empties_back: float = Field(default=0.0, ge=0.0, le=1.0)
    sources: Sources = {}

    @model_validator(mode="after")
    def _volume(self) -> Flow:
        if self.cargo == "container" and self.annual_teu is None and self.annual_t is None:
            raise ValueError("a container flow needs annual_teu (or annual_t)")
        if self.cargo != "container" and self.annual_t is None:
            raise ValueError(f"a {self.cargo} flow needs annual_t")
        if self.cargo != "container" and self.annual_teu is not None:
            raise ValueError("annual_teu is only for container flows; use annual_t")
        return self

    @property
    def lot_size_teu(self) -> float:
        """TEU in one lot (0 for non-container cargo)."""
        return self.lot_teu if self.cargo == "container" else 0.0

    @property
    def lot_size_t(self) -> float:
        """Tonnes in one lot."""
        return self.lot_teu * self.t_per_teu if self.cargo == "container" else self.lot_t

    @property
    def lots_per_year(self) -> float:
        """Mean number of lots a year at the base volume."""
        if self.cargo == "container":
            teu = self.annual_teu if self.annual_teu is not None else self.annual_t / self.t_per_teu  # type: ignore[operator]
            return teu / self.lot_teu
        return float(self.annual_t) / self.lot_t  # type: ignore[arg-type]


class WeatherZone(Strict):
    """Stochastic closures (storms): alternating open and closed periods.

    ``closure_starts_per_day`` gives, for each month, the rate (per day while
    open) at which a closure starts; each closure lasts ``duration_days``.
    """

    closure_starts_per_day: Annotated[list[Annotated[float, Field(ge=0, le=24)]], TwelveMonths]
    duration_days: Dist
    sources: Sources = {}


class Change(Strict):
    """A dated change: on ``date`` set each dotted path under ``set`` to its value.

    Paths name scenario fields, e.g. ``services.aktau-alat-feeder.fleet.vehicles``.
    """

    date: dt.date
    set: dict[str, float | int | bool]
    note: str = ""


class Target(Strict):
    """A target on a KPI over the measurement window (annualised), or one calendar year.

    ``scope`` is ``group:NAME`` (services of an edge group), ``service:NAME``,
    ``node:NAME``, ``flow:NAME`` or ``flows`` (all deliveries).
    """

    metric: Literal["throughput_t", "throughput_teu", "transit_days_mean", "transit_days_p95"]
    scope: str
    at_least: float | None = None
    at_most: float | None = None
    year: int | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Target:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("a target has exactly one of at_least or at_most")
        return self

    @property
    def bound(self) -> float:
        """The target value."""
        return self.at_least if self.at_least is not None else self.at_most  # type: ignore[return-value]


class Scenario(Strict):
    """A whole scenario: network, demand, weather, timeline and targets."""

    name: str = "scenario"
    description: str = ""
    run: Run = Run()
    nodes: dict[str, Node]
    services: dict[str, Service]
    flows: dict[str, Flow]
    weather: dict[str, WeatherZone] = {}
    background: dict[str, Background] = {}
    timeline: list[Change] = []
    targets: dict[str, Target] = {}
    value_of_time_default: NonNegFloat = 0.5

    @model_validator(mode="after")
    def _fill_names(self) -> Scenario:
        for table in (self.nodes, self.services, self.flows, self.background):
            for key, item in table.items():
                if not item.name:
                    object.__setattr__(item, "name", key)
        for key, flow in list(self.flows.items()):
            if flow.empties_back > 0 and f"{key}-empties" not in self.flows:
                self.flows[f"{key}-empties"] = empties_flow(key, flow)
        return self


def empties_flow(key: str, flow: Flow) -> Flow:
    """Empty-container repositioning: ``empties_back`` of a container flow's boxes go back
    empty from its destination to its origin, on the reversed route(s)."""
    if flow.cargo != "container":
        raise ValueError(f"flows.{key}.empties_back: only container flows send empties back")
    teu = flow.annual_teu if flow.annual_teu is not None else float(flow.annual_t or 0) / flow.t_per_teu
    route: Literal["auto"] | list[str] | list[Shares] = "auto"
    if isinstance(flow.route, list) and flow.route and isinstance(flow.route[0], Shares):
        route = [Shares(route=list(reversed(r.route)), share=r.share)
                 for r in flow.route if isinstance(r, Shares)]
    elif isinstance(flow.route, list):
        route = [str(n) for n in reversed(flow.route)]
    return Flow(name=f"{flow.name} (empties back)", origin=flow.destination,
                destination=flow.origin, cargo="container", annual_teu=teu * flow.empties_back,
                t_per_teu=2.2, lot_teu=flow.lot_teu, batch_lots=flow.batch_lots,
                seasonality=flow.seasonality, growth_per_year=flow.growth_per_year, route=route,
                groups=["empties"], enabled=flow.enabled,
                sources={"annual_teu": f"D: empties_back {flow.empties_back} × flows.{key}",
                         "t_per_teu": "assumption: the tare of an empty box, ~2.2 t a TEU"})


Service.model_rebuild()
Node.model_rebuild()
