"""A vehicle (train, ferry, feeder, tanker): the SimPy process that moves cargo.

One cycle, in named phases: **call** (take the service's call line, wait for the
departure policy, take a berth at the origin); **load** (take cargo from the queue,
handle it); **travel** (wait until origin and route are open, sail); **unload** (wait
until the destination is open and its yard has room, take a berth, handle, hand the
lots over); **return** (back to the origin, off hire for unavailability).

Each phase is a generator the cycle delegates to; the state of one trip travels in a
:class:`Trip` (its load totals are computed once, when the cargo is taken).
"""

from __future__ import annotations

from collections.abc import Generator

import simpy
from simpy.events import Timeout

from corridor_sim.engine.departures.gates import first_of, wait_open
from corridor_sim.engine.handling import handling_h, load_totals
from corridor_sim.engine.lots import Parcel
from corridor_sim.engine.model import Model
from corridor_sim.engine.rng import Sampler
from corridor_sim.engine.state import ServiceState, VehicleClassState

Proc = Generator[simpy.Event, object, None]

__all__ = ["first_of", "start_vehicle", "vehicle"]


class Trip:
    """One loaded trip: the parcels, their totals and the times of its phases (hours)."""

    __slots__ = ("arrive", "cap_t", "cap_teu", "call_h", "depart", "in_t", "in_teu", "key",
                 "load_start", "lots", "parcels", "t", "teu", "wagons")

    def __init__(self, key: tuple[int, int], call_h: float, load_start: float,
                 parcels: list[Parcel], cap_teu: float, cap_t: float) -> None:
        self.key = key
        self.call_h = call_h
        self.load_start = load_start
        self.parcels = parcels
        self.cap_teu = cap_teu
        self.cap_t = cap_t
        self.depart = self.arrive = 0.0
        self.teu = self.t = self.in_teu = self.in_t = 0.0
        self.lots = 0
        self.wagons = 0.0


def start_vehicle(m: Model, s: ServiceState) -> None:
    """Add one vehicle to the service's fleet."""
    vid = s.next_vid
    s.next_vid += 1
    s.active_vehicles += 1
    s.vehicles_peak = max(s.vehicles_peak, s.active_vehicles)
    m.env.process(vehicle(m, s, vid))


def vehicle(m: Model, s: ServiceState, vid: int) -> Proc:
    """The life of one vehicle of service ``s``: call, load, travel, unload, return."""
    env = m.env
    key = (s.index, vid)
    back = s.back
    vc = s.class_of(vid)
    while s.active_vehicles <= s.target_vehicles:
        call_h = env.now
        yield from call(s, vc)
        trip = take_load(m, s, vc, key, call_h)
        if trip is None:  # another vehicle took the cargo
            continue
        yield from load(m, s, vc, trip)
        yield from travel(s, trip, s.transit, vc.time_scale)
        keep_berth = back is not None and back.queue.lots > 0
        yield from unload(m, s, trip, keep_berth)
        record(m, s.index, vid, trip, s.index, vc)
        if keep_berth and back is not None:
            yield from backhaul(m, s, back, vc, vid, trip)
        else:
            m.returns.add((s.index, env.now, 0.0))
            yield from return_empty(s, vc, trip)
    s.active_vehicles -= 1


def record(m: Model, service: int, vid: int, trip: Trip, fleet: int, vc: VehicleClassState) -> None:
    """Record a finished loaded trip of ``service`` run by vehicle ``vid`` of ``fleet``."""
    m.trips.add((service, vid, trip.call_h, trip.load_start, trip.depart, trip.arrive, m.env.now,
                 trip.teu, trip.t, trip.lots, trip.cap_teu, trip.cap_t, fleet, vc.operator,
                 trip.wagons))


def call(s: ServiceState, vc: VehicleClassState) -> Proc:
    """Take the call line, wait for the departure policy, then a berth at the origin."""
    call_line = s.call
    if not call_line.try_acquire():
        yield call_line.request()
    if s.caller is not vc:
        s.call_as(vc)
    yield from s.departure.wait()
    berths = s.origin.berths
    if not berths.try_acquire():
        yield berths.request()
    call_line.release()
    s.away.add(1)


def take_load(m: Model, s: ServiceState, vc: VehicleClassState, key: tuple[int, int],
              call_h: float) -> Trip | None:
    """Take what the vehicle may load now (the timeline may have changed its capacity).

    Nothing to take (another vehicle took it): give the berth back and return ``None``.
    """
    cap_teu, cap_t = vc.cap_teu, vc.cap_t
    parcels = s.queue.take(cap_teu, cap_t)
    if not parcels:
        s.origin.berths.release()
        s.away.add(-1)
        return None
    m.on_board[key] = parcels
    return Trip(key, call_h, m.env.now, parcels, cap_teu, cap_t)


def backhaul(m: Model, s: ServiceState, back: ServiceState, vc: VehicleClassState, vid: int,
             first: Trip) -> Proc:
    """The return leg of ``s``'s vehicle as a trip of ``back``: load what waits at the far
    end (the berth is still held), travel in ``return_h``, unload at home, then off hire."""
    env = m.env
    now = env.now
    parcels = back.queue.take(first.cap_teu, first.cap_t)
    if not parcels:  # taken meanwhile by a vehicle of the back service's own fleet
        back.origin.berths.release()
        m.returns.add((s.index, now, 0.0))
        yield from return_empty(s, vc, first)
        return
    m.returns.add((s.index, now, 1.0))
    m.on_board[first.key] = parcels
    trip = Trip(first.key, now, now, parcels, first.cap_teu, first.cap_t)
    yield from load(m, back, vc, trip)
    yield from travel(back, trip, s.ret, vc.time_scale)
    yield from unload(m, back, trip, False)
    record(m, back.index, vid, trip, s.index, vc)
    yield from off_hire(env, vc, first.load_start, 0.0)
    s.away.add(-1)


def load(m: Model, s: ServiceState, vc: VehicleClassState, trip: Trip) -> Proc:
    """Load at the origin: the cargo leaves the origin's yard; the berth is freed after."""
    origin = s.origin
    routes = m.routes
    teu, t, lots, hours, out_teu, out_t, in_teu, in_t = load_totals(
        trip.parcels, origin, routes.cargo, routes.services)
    trip.teu, trip.t, trip.lots, trip.in_teu, trip.in_t = teu, t, lots, in_teu, in_t
    if vc.wagons:
        trip.wagons = wagons_of(trip.parcels, vc)
    if out_teu:
        origin.yard_teu.get(out_teu)
    if out_t:
        origin.yard_t.get(out_t)
    if hours > 0.0:
        yield Timeout(m.env, hours * origin.handling_factor.draw())
    origin.berths.release()


def wagons_of(parcels: list[Parcel], vc: VehicleClassState) -> float:
    """Railcars a load fills: containers at ``teu_per_wagon``, other cargo at ``t_per_wagon``."""
    wagons = 0.0
    for p in parcels:
        wagons += p.teu / vc.teu_per_wagon if p.teu_each > 0.0 else p.t / vc.t_per_wagon
    return wagons


def travel(s: ServiceState, trip: Trip, transit: Sampler, time_scale: float) -> Proc:
    """Wait until the service and its origin are open, then sail (a draw of ``transit``
    times the vehicle class's ``time_scale``)."""
    env = s.env
    if not (s.gate.is_open and s.origin.gate.is_open):
        yield from wait_open(s)
    trip.depart = depart = env.now
    for p in trip.parcels:
        p.depart_h = depart
    yield Timeout(env, transit.draw() * time_scale)
    trip.arrive = env.now


def unload(m: Model, s: ServiceState, trip: Trip, keep_berth: bool) -> Proc:
    """An open destination, yard room for onward cargo, a free berth; handle; hand over.

    ``keep_berth``: the vehicle stays at the berth to load its return cargo.
    """
    dest = s.dest
    env = m.env
    while not dest.gate.is_open:
        yield dest.gate.wait_open()
    in_teu, in_t = trip.in_teu, trip.in_t
    if in_teu and not dest.yard_teu.try_put(in_teu):
        yield dest.yard_teu.put(in_teu)
    if in_t and not dest.yard_t.try_put(in_t):
        yield dest.yard_t.put(in_t)
    if not dest.berths.try_acquire():
        yield dest.berths.request()
    hours = handling_h(dest, trip.parcels, m.routes.cargo)
    if hours > 0.0:
        yield Timeout(env, hours)
    if not keep_berth:
        dest.berths.release()
    del m.on_board[trip.key]
    m.hand_over(trip.parcels, dest)


def return_empty(s: ServiceState, vc: VehicleClassState, trip: Trip) -> Proc:
    """Back to the origin in ``return_h``, plus off hire for unavailability.

    Off hire is in proportion to the time in service (loading to back at the origin;
    not the idle wait for cargo or a slot), so the availability holds.
    """
    yield from off_hire(s.env, vc, trip.load_start, s.ret.draw() * vc.time_scale)
    s.away.add(-1)


def off_hire(env: simpy.Environment, vc: VehicleClassState, load_start_h: float, back_h: float) -> Proc:
    """Spend ``back_h`` travelling plus off hire in proportion to the time in service since
    ``load_start_h`` (``1 / availability - 1`` of it)."""
    if vc.availability < 1.0:
        back_h += (env.now + back_h - load_start_h) * (1.0 / vc.availability - 1.0)
    yield Timeout(env, back_h)
