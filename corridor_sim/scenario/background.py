"""Background traffic: the non-corridor users of a shared terminal.

A terminal's other business (a port's own container and bulk trade, a border
station's bilateral trade, a railway's domestic freight) uses the same berths, tracks
and yards as the corridor's cargo. It enters as calls (a ship or train of ``call_teu``
TEU or ``call_t`` tonnes) arriving at random (Poisson) at ``annual_teu`` / ``annual_t``
a year, each taking one berth for its handling (``handlings`` times: 2 where cargo is
unloaded and loaded again, e.g. a gauge change) and, with ``yard_days``, yard room.
It is reported apart from the corridor's flows, groups and targets.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from corridor_sim.scenario.base import NonNegFloat, PosFloat, Sources, Strict
from corridor_sim.scenario.cargo import CargoClass
from corridor_sim.scenario.distributions import Dist


class Background(Strict):
    """Other traffic at ``node`` (units in the names: ``_t`` tonnes, ``_teu`` TEU)."""

    name: str = ""
    node: str
    cargo: CargoClass
    annual_t: NonNegFloat | None = None
    annual_teu: NonNegFloat | None = None
    t_per_teu: PosFloat = 12.0
    call_teu: PosFloat | None = None
    call_t: PosFloat | None = None
    handlings: int = Field(default=1, ge=1, le=2)
    yard_days: Dist = Dist(fixed=0.0)
    enabled: bool = True
    sources: Sources = {}

    @model_validator(mode="after")
    def _volume_and_call(self) -> Background:
        container = self.cargo == "container"
        volume = self.annual_teu if container else self.annual_t
        if not volume:
            unit = "annual_teu" if container else "annual_t"
            raise ValueError(f"a background flow needs a yearly volume: set {unit} (> 0), "
                             "from the terminal's record less the corridor's share")
        if not container and self.annual_teu is not None:
            raise ValueError("annual_teu is only for container background; use annual_t")
        size = self.call_teu if container else self.call_t
        if not size:
            unit = "call_teu" if container else "call_t"
            raise ValueError(f"a background flow needs the size of one call: set {unit} "
                             "(a ship's or train's load)")
        return self

    @property
    def calls_per_year(self) -> float:
        """Mean calls a year."""
        if self.cargo == "container":
            return float(self.annual_teu) / float(self.call_teu)  # type: ignore[arg-type]
        return float(self.annual_t) / float(self.call_t)  # type: ignore[arg-type]

    @property
    def call_size(self) -> tuple[float, float]:
        """TEU and tonnes of one call."""
        if self.cargo == "container":
            teu = float(self.call_teu)  # type: ignore[arg-type]
            return teu, teu * self.t_per_teu
        return 0.0, float(self.call_t)  # type: ignore[arg-type]
