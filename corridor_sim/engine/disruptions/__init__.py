"""Disruptions: what closes nodes and services during a run, one module per kind.

:data:`DISRUPTIONS` (a :class:`~corridor_sim.registry.Registry`) maps each kind to the
function that starts its processes on a model; :func:`start_disruptions` starts them
all, in registry order (which fixes the order of simultaneous events). A new kind is
one module here with a ``start_<kind>(m: Model) -> None``, one line in
:data:`DISRUPTIONS` and its fields in the scenario schema.
"""

from __future__ import annotations

from collections.abc import Callable

from corridor_sim.engine.disruptions.closures import start_closures
from corridor_sim.engine.disruptions.storms import start_storms
from corridor_sim.engine.model import Model
from corridor_sim.registry import Registry

DISRUPTIONS: Registry[Callable[[Model], None]] = Registry("disruption kind", {
    "weather": start_storms,
    "closures": start_closures,
})


def start_disruptions(m: Model) -> None:
    """Start every disruption process of the run (storms, then dated closures)."""
    for start in DISRUPTIONS.values():
        start(m)
