"""Mutable run-time state of terminals and services, built from the scenario."""

from __future__ import annotations

import math

import numpy as np
import simpy

from corridor_sim.engine.queues import CargoQueue
from corridor_sim.engine.resources import Berths, Gate, Tally, Yard
from corridor_sim.engine.rng import Sampler, stream
from corridor_sim.scenario.cargo import CARGO
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


class ServiceState:
    """A service during a run: its fleet, departure policy, queue and gate."""

    def __init__(self, env: simpy.Environment, index: int, svc: Service,
                 origin: NodeState, dest: NodeState,
                 seed: int | np.random.SeedSequence) -> None:
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
        dep = svc.departure
        self.headway_h = dep.headway.every_h if dep.headway else 0.0
        self.offset_h = dep.headway.offset_h if dep.headway else 0.0
        self.last_slot_h = -math.inf  # the last headway slot a vehicle departed in
        self.fill = dep.full_or_wait.fill if dep.full_or_wait else 1.0
        self.max_wait_h = dep.full_or_wait.max_wait_h if dep.full_or_wait else 0.0
        self.apply(svc)
        self.target_vehicles = svc.fleet.vehicles
        self.active_vehicles = 0
        self.vehicles_peak = 0  # most active vehicles since the monitor's last sample
        self.away = Tally(env)  # vehicles away from the call line (loading, sailing, returning)
        if not svc.enabled:
            self.gate.close()
        self.enabled = svc.enabled

    def apply(self, svc: Service) -> None:
        """Take capacities from the Service model (after a timeline change)."""
        self.cap_teu = svc.fleet.vehicle_teu * svc.capacity_factor
        self.cap_t = svc.fleet.vehicle_t * svc.capacity_factor
        self.nominal_teu = svc.fleet.vehicle_teu
        self.nominal_t = svc.fleet.vehicle_t
        self.availability = svc.fleet.availability
