"""Departure policies: when a vehicle holding the call line may start to load.

A policy is a class built from its schema model (one field of
:class:`corridor_sim.scenario.fleet.Departure`) and the service's run-time state; its
:meth:`~DeparturePolicy.wait` is a generator that returns when the vehicle may go.
The registry maps the schema field name to the class: a new policy is one module here,
one line in :data:`POLICIES` and its field on ``Departure``.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import TYPE_CHECKING, Protocol

import simpy

from corridor_sim.engine.departures.full_or_wait import FullOrWaitPolicy
from corridor_sim.engine.departures.headway import HeadwayPolicy
from corridor_sim.registry import Registry

if TYPE_CHECKING:
    from corridor_sim.engine.state import ServiceState
    from corridor_sim.scenario.fleet import Departure

Proc = Generator[simpy.Event, object, None]


class DeparturePolicy(Protocol):
    """What the vehicle process needs from a policy."""

    def wait(self) -> Proc:
        """Return (as a generator) when the vehicle at the call line may load and go."""
        ...


POLICIES: Registry[Callable[..., DeparturePolicy]] = Registry("departure policy", {
    "headway": HeadwayPolicy,
    "full_or_wait": FullOrWaitPolicy,
})


def departure_policy(dep: Departure, s: ServiceState) -> DeparturePolicy:
    """The policy object for service state ``s`` from its schema ``dep``."""
    name, cfg = dep.active
    return POLICIES[name](cfg, s)
