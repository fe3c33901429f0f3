"""Mutable run-time state of terminals and services, built from the scenario."""

from __future__ import annotations

import math

import numpy as np
import simpy

from corridor_sim.engine.departures import departure_policy
from corridor_sim.engine.queues import CargoQueue
from corridor_sim.engine.resources import Berths, Gate, Tally, Yard
from corridor_sim.engine.rng import Sampler, stream
from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.fleet import Fleet, VehicleClass
from corridor_sim.scenario.schema import Node, Service

INF = math.inf


class NodeState:
    """A terminal during a run: berths, yards, a gate, handling rates and clearance."""

    def __init__(self, env: simpy.Environment, index: int, node: Node,
                 seed: int | np.random.SeedSequence) -> None:
        self.index = index
        self.name = node.name
        self.berths = Berths(env, node.berths)
        self.yard_teu = Yard(env, node.yard_teu if node.yard_teu is not None else INF)
        self.yard_t = Yard(env, node.yard_t if node.yard_t is not None else INF)
        self.gate = Gate(env)
        self.dwell = Sampler(node.dwell_h, stream(seed, f"node:{node.name}:dwell"))
        self.handling_factor = Sampler(node.handling_factor,
                                       stream(seed, f"node:{node.name}:handling"))
        self.set_handling(node)
        self.handled_teu = 0.0
        self.handled_t = 0.0

    def set_handling(self, node: Node) -> None:
        """Take handling rates (per berth) from the Node model: by cargo class, TEU/h or t/h
        as the class is counted (infinite where the node gives none)."""
        h = node.handling
        self.rate_per_h = {name: getattr(h, kind.handling_rate) or INF for name, kind in CARGO.items()}


class VehicleClassState:
    """What one vehicle of a fleet class carries and how it sails (capacity factor applied)."""

    __slots__ = ("availability", "cap_t", "cap_teu", "first_vid", "operator", "t_per_wagon",
                 "teu_per_wagon", "time_scale", "wagons")

    def __init__(self, first_vid: int, operator: int) -> None:
        self.first_vid = first_vid  # vehicles first_vid, first_vid + 1, ... are of this class
        self.operator = operator  # index into Model.operator_names (-1: none named)
        self.cap_teu = self.cap_t = self.availability = self.time_scale = 1.0
        self.t_per_wagon = self.teu_per_wagon = 1.0
        self.wagons = False  # capacity counted in wagons (railcars are a KPI)

    def apply(self, fleet: Fleet, c: VehicleClass, capacity_factor: float) -> None:
        """Take the class's figures from the schema (after a timeline change)."""
        self.cap_teu = fleet.class_teu(c) * capacity_factor
        self.cap_t = fleet.class_t(c) * capacity_factor
        self.availability = fleet.class_availability(c)
        self.time_scale = 1.0 / c.speed_factor
        self.wagons = c.capacity_wagons is not None
        self.t_per_wagon = c.t_per_wagon or fleet.t_per_wagon
        self.teu_per_wagon = c.teu_per_wagon or fleet.teu_per_wagon


class ServiceState:
    """A service during a run: its fleet, departure policy, queue and gate."""

    def __init__(self, env: simpy.Environment, index: int, svc: Service,
                 origin: NodeState, dest: NodeState,
                 seed: int | np.random.SeedSequence, operators: list[str]) -> None:
        self.env = env
        self.index = index
        self.name = svc.name
        self.next_vid = 0
        self.origin = origin
        self.dest = dest
        self.queue = CargoQueue(env)
        self.gate = Gate(env)
        self.call = Berths(env, 1)  # the vehicle next in line to load
        gen = stream(seed, f"service:{svc.name}")
        self.transit = Sampler(svc.transit_h, gen)
        self.ret = Sampler(svc.return_h or svc.transit_h, gen)
        self.classes = self._classes(svc.fleet, operators)
        self.caller = self.classes[0]  # the class of the vehicle at the call line
        self.apply(svc)
        self.departure = departure_policy(svc.departure, self)
        self.target_vehicles = svc.fleet.vehicles
        self.active_vehicles = 0
        self.vehicles_peak = 0  # most active vehicles since the monitor's last sample
        self.away = Tally(env)  # vehicles away from the call line (loading, sailing, returning)
        if not svc.enabled:
            self.gate.close()
        self.enabled = svc.enabled
        self.back: ServiceState | None = None  # the service whose cargo the return leg carries

    @staticmethod
    def _classes(fleet: Fleet, operators: list[str]) -> list[VehicleClassState]:
        out = []
        first = 0
        for c in fleet.class_list():
            op = c.operator or fleet.operator
            if op and op not in operators:
                operators.append(op)
            out.append(VehicleClassState(first, operators.index(op) if op else -1))
            first += c.vehicles
        return out

    def class_of(self, vid: int) -> VehicleClassState:
        """The class of vehicle ``vid`` (vehicles beyond the classes' count: the last class)."""
        for vc in reversed(self.classes):
            if vid >= vc.first_vid:
                return vc
        return self.classes[0]

    def apply(self, svc: Service) -> None:
        """Take capacities from the Service model (after a timeline change)."""
        for vc, c in zip(self.classes, svc.fleet.class_list(), strict=True):
            vc.apply(svc.fleet, c, svc.capacity_factor)
        self.call_as(self.caller)

    def call_as(self, vc: VehicleClassState) -> None:
        """The vehicle at the call line is of class ``vc``: the policy sees its capacity."""
        self.caller = vc
        self.cap_teu = vc.cap_teu
        self.cap_t = vc.cap_t
