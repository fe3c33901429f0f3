"""A vehicle (train, ferry, feeder, tanker): the SimPy process that moves cargo.

One cycle: take the service's call line; wait for the departure policy; take a
berth at the origin and load; wait until origin and route are open; travel;
wait until the destination is open and its yard has room; take a berth and
unload; hand the lots over; return empty; off-hire for unavailability.

The cycle is one flat generator with its state in local variables (it runs once
per trip, the hottest code of a run); the totals of a load are computed once, when
it is taken.
"""

from __future__ import annotations

import math
from collections.abc import Generator

import simpy
from simpy.events import Event, Timeout

from corridor_sim.engine.handling import handling_h, load_totals
from corridor_sim.engine.model import Model
from corridor_sim.engine.state import ServiceState

Proc = Generator[simpy.Event, object, None]


def start_vehicle(m: Model, s: ServiceState) -> None:
    """Add one vehicle to the service's fleet."""
    vid = s.next_vid
    s.next_vid += 1
    s.active_vehicles += 1
    s.vehicles_peak = max(s.vehicles_peak, s.active_vehicles)
    m.env.process(vehicle(m, s, vid))


def vehicle(m: Model, s: ServiceState, vid: int) -> Proc:
    """The life of one vehicle of service ``s``."""
    env = m.env
    origin, dest, call, queue = s.origin, s.dest, s.call, s.queue
    cargo, route_services = m.routes.cargo, m.routes.services
    key = (s.index, vid)
    while s.active_vehicles <= s.target_vehicles:
        call_h = env.now
        if not call.try_acquire():
            yield call.request()
        if s.headway_h > 0.0:
            yield from _await_slot(s)
        else:
            yield from _await_fill(s)
        if not origin.berths.try_acquire():
            yield origin.berths.request()
        call.release()
        s.away.add(1)
        cap_teu, cap_t = s.cap_teu, s.cap_t  # what this trip may load (the timeline may change it)
        parcels = queue.take(cap_teu, cap_t)
        load_start = env.now
        if not parcels:  # another vehicle took the cargo: give the berth back
            origin.berths.release()
            s.away.add(-1)
            continue
        m.on_board[key] = parcels
        teu, t, lots, hours, out_teu, out_t, in_teu, in_t = load_totals(
            parcels, origin, cargo, route_services)
        # load: the cargo leaves the origin's yard as it is loaded
        if out_teu:
            origin.yard_teu.get(out_teu)
        if out_t:
            origin.yard_t.get(out_t)
        if hours > 0.0:
            yield Timeout(env, hours * origin.handling_factor.draw())
        origin.berths.release()
        if not (s.gate.is_open and origin.gate.is_open):
            yield from _wait_open(s)
        depart = env.now
        for p in parcels:
            p.depart_h = depart
        yield Timeout(env, s.transit.draw())
        arrive = env.now
        # unload: an open destination, yard room for onward cargo, a free berth
        while not dest.gate.is_open:
            yield dest.gate.wait_open()
        if in_teu and not dest.yard_teu.try_put(in_teu):
            yield dest.yard_teu.put(in_teu)
        if in_t and not dest.yard_t.try_put(in_t):
            yield dest.yard_t.put(in_t)
        if not dest.berths.try_acquire():
            yield dest.berths.request()
        hours = handling_h(dest, parcels, cargo)
        if hours > 0.0:
            yield Timeout(env, hours)
        dest.berths.release()
        del m.on_board[key]
        m.hand_over(parcels, dest)
        now = env.now
        m.trips.add((s.index, vid, call_h, load_start, depart, arrive, now, teu, t, lots,
                     cap_teu, cap_t))
        back_h = s.ret.draw()
        if s.availability < 1.0:
            # off hire in proportion to the time in service (loading to back at the origin;
            # not the idle wait for cargo or a slot), so the availability holds
            back_h += (now + back_h - load_start) * (1.0 / s.availability - 1.0)
        yield Timeout(env, back_h)
        s.away.add(-1)
    s.active_vehicles -= 1


def _await_slot(s: ServiceState) -> Proc:
    """Headway: one departure per slot. At its slot a vehicle goes if cargo waits (after
    the gates open, if closed); the slot is then used, and the next vehicle takes a later one."""
    env = s.env
    while True:
        k = math.ceil((env.now - s.offset_h) / s.headway_h - 1e-9)
        slot = s.offset_h + max(k, 0) * s.headway_h
        if slot <= s.last_slot_h + 1e-9:
            slot = s.last_slot_h + s.headway_h
        if slot > env.now:
            yield env.timeout(slot - env.now)
        if s.queue.lots > 0:
            yield from _wait_open(s)
            if s.queue.lots > 0:
                s.last_slot_h = slot
                return
        yield env.timeout(s.headway_h)


def _await_fill(s: ServiceState) -> Proc:
    """Leave when the queue fills ``fill`` of a vehicle, or ``max_wait_h`` after the call."""
    env = s.env
    ready = env.now
    q = s.queue
    while True:
        waited = env.now - ready
        if q.lots > 0 and (q.load_fraction(s.cap_teu, s.cap_t) >= s.fill - 1e-9
                           or waited >= s.max_wait_h - 1e-9):
            if s.gate.is_open and s.origin.gate.is_open:
                return
            yield from _wait_open(s)
            continue
        if waited < s.max_wait_h - 1e-9:
            full = q.changed(s.fill * s.cap_teu if s.cap_teu > 0 else math.inf,
                             s.fill * s.cap_t if s.cap_t > 0 else math.inf)
            yield first_of(env, full, Timeout(env, s.max_wait_h - waited))
        else:
            yield q.changed()


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


def _wait_open(s: ServiceState) -> Proc:
    """Wait until the origin node and the service itself are open."""
    while not (s.gate.is_open and s.origin.gate.is_open):
        if not s.gate.is_open:
            yield s.gate.wait_open()
        if not s.origin.gate.is_open:
            yield s.origin.gate.wait_open()
