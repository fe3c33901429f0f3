"""Cargo classes: the registry of what each class is counted in and how it is handled.

Every layer asks this registry instead of testing ``cargo == "container"`` or a lot's
TEU: the engine (handling hours, yard space), feasibility (vehicle room, yards), the
static capacity and the schema. A new class is one :class:`CargoKind` entry in
:data:`CARGO`, its name in :data:`CargoClass` and its handling-rate field on
:class:`corridor_sim.scenario.schema.Handling` (``tests/architecture`` checks that the
three agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from corridor_sim.registry import Registry

Measure = Literal["teu", "t"]
"""What a class is counted in: vehicle room, yard space and handling rates."""

CargoClass = Literal["container", "dry_bulk", "liquid_bulk", "general"]
"""The schema's names of the cargo classes (the keys of :data:`CARGO`)."""


@dataclass(frozen=True)
class CargoKind:
    """One cargo class.

    Parameters
    ----------
    name : str
        As written in scenario files (``cargo: dry_bulk``).
    measure : {"teu", "t"}
        Containers take vehicle room, yard space and handling time by TEU; every
        other class by tonnes.
    handling_rate : str
        The field of ``Handling`` giving the rate per berth (TEU/h or t/h).
    label : str
        For tables and figures.
    """

    name: str
    measure: Measure
    handling_rate: str
    label: str

    @property
    def by_teu(self) -> bool:
        """True when the class is counted in TEU."""
        return self.measure == "teu"

    @property
    def unit(self) -> str:
        """``TEU`` or ``t``."""
        return "TEU" if self.by_teu else "t"

    @property
    def capacity_field(self) -> str:
        """The fleet field that gives a vehicle room for the class."""
        return "capacity_teu" if self.by_teu else "capacity_t"

    @property
    def yard_field(self) -> str:
        """The node field that gives yard space for the class."""
        return "yard_teu" if self.by_teu else "yard_t"


CARGO: Registry[CargoKind] = Registry("cargo class", {
    "container": CargoKind("container", "teu", "container_teu_per_h", "containers"),
    "dry_bulk": CargoKind("dry_bulk", "t", "dry_bulk_t_per_h", "dry bulk"),
    "liquid_bulk": CargoKind("liquid_bulk", "t", "liquid_bulk_t_per_h", "liquid bulk"),
    "general": CargoKind("general", "t", "general_t_per_h", "general cargo"),
})

CARGO_CLASSES: tuple[CargoClass, ...] = ("container", "dry_bulk", "liquid_bulk", "general")
"""The class names in registry order."""

BY_TEU: dict[str, bool] = {name: kind.by_teu for name, kind in CARGO.items()}
"""Class name → counted in TEU (the engine's per-parcel lookup)."""


def cargo_kind(name: str) -> CargoKind:
    """The registry entry of class ``name``."""
    return CARGO[name]
