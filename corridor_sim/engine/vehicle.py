"""A vehicle (train, ferry, feeder, tanker): the SimPy process that moves cargo.

One cycle: take the service's call line; wait for the departure policy; take a
berth at the origin and load; wait until origin and route are open; travel;
wait until the destination is open and its yard has room; take a berth and
unload; hand the lots over; return empty; off-hire for unavailability.
"""

from __future__ import annotations

import math
from collections.abc import Generator

import simpy

from corridor_sim.engine.handling import handling_h, yard_need
from corridor_sim.engine.model import Model
from corridor_sim.engine.state import ServiceState

Proc = Generator[simpy.Event, object, None]

# trip record columns
TRIP_COLUMNS = ("service", "vehicle", "call_h", "load_start_h", "depart_h", "arrive_h",
                "unloaded_h", "teu", "t", "lots", "cap_teu", "cap_t")


def start_vehicle(m: Model, s: ServiceState) -> None:
    """Add one vehicle to the service's fleet."""
    vid = s.next_vid
    s.next_vid += 1
    s.active_vehicles += 1
    m.env.process(vehicle(m, s, vid))


def vehicle(m: Model, s: ServiceState, vid: int) -> Proc:
    """The life of one vehicle of service ``s``."""
    env = m.env
    while s.active_vehicles <= s.target_vehicles:
        call_h = env.now
        if not s.call.try_acquire():
            yield s.call.request()
        yield from _await_departure(s)
        if not s.origin.berths.try_acquire():
            yield s.origin.berths.request()
        s.call.release()
        s.away.add(1)
        cycle_start = call_h
        parcels = s.queue.take(s.cap_teu, s.cap_t)
        load_start = env.now
        if not parcels:  # another vehicle took the cargo: give the berth back
            s.origin.berths.release()
            s.away.add(-1)
            continue
        key = (s.index, vid)
        m.on_board[key] = parcels
        yield from _load(m, s, parcels)
        yield from _wait_open(s)
        depart = env.now
        for p in parcels:
            p.depart_h = depart
        yield env.timeout(s.transit.draw())
        arrive = env.now
        yield from _unload(m, s, parcels)
        del m.on_board[key]
        m.hand_over(parcels, s.dest)
        teu = sum(p.teu for p in parcels)
        t = sum(p.t for p in parcels)
        m.trips.append((s.index, vid, call_h, load_start, depart, arrive, env.now, teu, t,
                        sum(p.n for p in parcels), s.cap_teu, s.cap_t))
        back_h = s.ret.draw()
        if s.availability < 1.0:  # off hire in proportion to the cycle: availability holds
            back_h += (env.now + back_h - cycle_start) * (1.0 / s.availability - 1.0)
        yield env.timeout(back_h)
        s.away.add(-1)
    s.active_vehicles -= 1


def _await_departure(s: ServiceState) -> Proc:
    if s.headway_h > 0.0:
        yield from _await_slot(s)
    else:
        yield from _await_fill(s)


def _await_slot(s: ServiceState) -> Proc:
    """Headway: at each slot, go if cargo waits; wait for the gates if they are closed."""
    env = s.env
    while True:
        k = math.ceil((env.now - s.offset_h) / s.headway_h - 1e-9)
        slot = s.offset_h + max(k, 0) * s.headway_h
        if slot > env.now:
            yield env.timeout(slot - env.now)
        if s.queue.lots > 0:
            yield from _wait_open(s)
            if s.queue.lots > 0:
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
            yield full | env.timeout(s.max_wait_h - waited)
        else:
            yield q.changed()


def _wait_open(s: ServiceState) -> Proc:
    """Wait until the origin node and the service itself are open."""
    while not (s.gate.is_open and s.origin.gate.is_open):
        if not s.gate.is_open:
            yield s.gate.wait_open()
        if not s.origin.gate.is_open:
            yield s.origin.gate.wait_open()


def _load(m: Model, s: ServiceState, parcels: list) -> Proc:
    node = s.origin
    teu, t = yard_need([p for p in parcels if p.leg > 0])
    if teu:
        node.yard_teu.get(teu)
    if t:
        node.yard_t.get(t)
    hours = handling_h(node, parcels, m.routes.cargo)
    if hours > 0.0:
        yield m.env.timeout(hours)
    node.berths.release()


def _unload(m: Model, s: ServiceState, parcels: list) -> Proc:
    node = s.dest
    while not node.gate.is_open:
        yield node.gate.wait_open()
    last = m.routes.services
    onward = [p for p in parcels if p.leg + 1 < len(last[p.route])]
    teu, t = yard_need(onward)
    if teu and not node.yard_teu.try_put(teu):
        yield node.yard_teu.put(teu)
    if t and not node.yard_t.try_put(t):
        yield node.yard_t.put(t)
    if not node.berths.try_acquire():
        yield node.berths.request()
    hours = handling_h(node, parcels, m.routes.cargo)
    if hours > 0.0:
        yield m.env.timeout(hours)
    node.berths.release()
