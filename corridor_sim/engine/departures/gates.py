"""Waiting helpers shared by the departure policies and the vehicle: open gates, first of two events."""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING

import simpy
from simpy.events import Event

if TYPE_CHECKING:
    from corridor_sim.engine.state import ServiceState

Proc = Generator[simpy.Event, object, None]


def first_of(env: simpy.Environment, a: simpy.Event, b: simpy.Event) -> simpy.Event:
    """An event triggered when the first of ``a`` and ``b`` is processed.

    What ``a | b`` (a SimPy ``AnyOf`` condition) does for two pending events that
    cannot fail, at the same point of the schedule, without its bookkeeping.
    """
    wake = Event(env)

    def fire(_: simpy.Event) -> None:
        if not wake.triggered:
            wake.succeed()

    a.callbacks.append(fire)
    b.callbacks.append(fire)
    return wake


def wait_open(s: ServiceState) -> Proc:
    """Wait until the origin node and the service itself are open."""
    while not (s.gate.is_open and s.origin.gate.is_open):
        if not s.gate.is_open:
            yield s.gate.wait_open()
        if not s.origin.gate.is_open:
            yield s.origin.gate.wait_open()
