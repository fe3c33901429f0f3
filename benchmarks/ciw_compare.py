"""corridor-sim against Ciw on the same queueing networks: same answers, lots per second.

Two networks, each built in both simulators:

- *M/M/c*: Poisson arrivals of one-TEU lots at a zone served by ``c`` one-lot
  vehicles with exponential trips that return at once (the fleet is the ``c``
  servers; :func:`tests.validation.configs.fleet_queue` is the same model).
- *tandem with blocking*: a → b → c, two fleets in series (``c1`` and ``c2``
  servers, exponential trips); b's yard holds ``K`` lots waiting for the second
  fleet, so a vehicle of the first arriving at a full b waits with its lot — Ciw's
  blocking after service with ``queue_capacities=[inf, K]``.

Answers (mean wait before the first service, mean time in the network, throughput)
are compared over replications with 95 % intervals; speed is lots created per CPU
second of the simulation itself (corridor-sim's engine ``run_model``, and also
the whole ``simulate`` with its tables; Ciw's ``simulate_until_max_time``), in the
same process, one after the other. Ciw seeds Python's global ``random`` (its only
seeding API); corridor-sim takes the seed as an argument.

Usage: ``python benchmarks/ciw_compare.py [--quick]`` (needs ``pip install ciw``).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

if not __package__:  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import cpu_timed  # noqa: E402

HOURS_PER_YEAR = 8766.0
T_975 = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 8: 2.36, 10: 2.26, 20: 2.09}


@dataclass(frozen=True)
class Network:
    """A queueing network: arrival rate, servers and mean service hours per station."""

    name: str
    lam_per_h: float
    servers: tuple[int, ...]
    service_h: tuple[float, ...]
    buffer: float = math.inf  # lots that may wait at the second station (tandem)
    horizon_h: float = 24.0 * 365
    warmup_h: float = 24.0 * 30


MMC = Network("M/M/c (c=4, rho=0.8)", lam_per_h=3.2, servers=(4,), service_h=(1.0,))
TANDEM = Network("tandem with blocking (c=2, 2; K=2)", lam_per_h=1.2, servers=(2, 2),
                 service_h=(1.0, 1.2), buffer=2)
NETWORKS = (MMC, TANDEM)


@dataclass
class Answer:
    """What one replication measured (after the warm-up), and its cost."""

    wait_h: float  # mean wait before the first service
    system_h: float  # mean time from arrival to leaving the network
    throughput_per_h: float  # lots leaving the network per hour
    lots: int  # lots created over the whole run
    cpu_s: float  # CPU seconds of the simulation


def _zone(lon: float, yard: float = math.inf) -> dict[str, Any]:
    doc: dict[str, Any] = {"kind": "zone", "lat": 40.0, "lon": lon, "berths": 50}
    if math.isfinite(yard):
        doc["yard_teu"] = float(yard)
    return doc


def _fleet(frm: str, to: str, servers: int, service_h: float) -> dict[str, Any]:
    return {"mode": "feeder", "from": frm, "to": to, "distance_km": 100,
            "transit_h": {"exponential": service_h}, "return_h": 0.0,
            "fleet": {"vehicles": servers, "capacity_teu": 1.0},
            "departure": {"fill": 1.0, "max_wait_h": 1.0}}


def corridor_doc(net: Network) -> dict[str, Any]:
    """The network as a corridor-sim scenario document (one TEU per lot, zones only)."""
    names = "abc"[: len(net.servers) + 1]
    nodes = {n: _zone(50.0 + i) for i, n in enumerate(names)}
    if len(net.servers) > 1:
        nodes["b"] = _zone(51.0, net.buffer)
    services = {f"{a}{b}": _fleet(a, b, c, h)
                for a, b, c, h in zip(names, names[1:], net.servers, net.service_h)}
    return {"name": net.name, "run": {"start": "2025-01-01", "horizon_days": net.horizon_h / 24,
                                      "warmup_days": net.warmup_h / 24},
            "nodes": nodes, "services": services,
            "flows": {"f": {"origin": "a", "destination": names[-1], "cargo": "container",
                            "annual_teu": net.lam_per_h * HOURS_PER_YEAR, "lot_teu": 1.0,
                            "batch_lots": 1, "arrival": "poisson"}}}


def run_corridor(net: Network, seed: int, whole: bool = False) -> Answer:
    """One corridor-sim replication: the engine alone (or the whole ``simulate``)."""
    from corridor_sim import simulate
    from corridor_sim.engine import run_model
    from corridor_sim.network import resolve_routes
    from corridor_sim.results.results import build_results
    from corridor_sim.scenario import scenario_from_dict

    s = scenario_from_dict(corridor_doc(net))
    routes = resolve_routes(s)
    if whole:
        r, cpu = cpu_timed(lambda: simulate(s, seed=seed))
    else:
        raw, cpu = cpu_timed(lambda: run_model(s, routes, seed))
        r = build_results(raw, s, routes, {})
    lots = r.lots
    legs = r.leg_parcels if hasattr(r, "leg_parcels") else r.legs.assign(lots=1)  # older commits
    first = legs[(legs["leg"] == 0) & (legs["ready_h"] >= net.warmup_h) & legs["depart_h"].notna()]
    done = lots[(lots["created_h"] >= net.warmup_h) & lots["delivered_h"].notna()]
    window_h = net.horizon_h - net.warmup_h
    out = lots["delivered_h"].between(net.warmup_h, net.horizon_h, inclusive="left").sum()
    return Answer(float(np.average(first["wait_h"], weights=first["lots"])),
                  float((done["delivered_h"] - done["created_h"]).mean()),
                  float(out / window_h), len(lots), cpu)


def ciw_network(net: Network) -> Any:
    """The network in Ciw: exponential arrivals at node 1, routing in series."""
    import ciw

    k = len(net.servers)
    routing = [[1.0 if j == i + 1 else 0.0 for j in range(k)] for i in range(k)]
    return ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=net.lam_per_h)]
        + [None] * (k - 1),
        service_distributions=[ciw.dists.Exponential(rate=1.0 / h) for h in net.service_h],
        number_of_servers=list(net.servers),
        queue_capacities=[float("inf")] + [net.buffer] * (k - 1),
        routing=routing)


def run_ciw(net: Network, seed: int) -> Answer:
    """One Ciw replication (``simulate_until_max_time`` timed)."""
    import ciw

    network = ciw_network(net)
    ciw.seed(seed)
    q = ciw.Simulation(network)
    _, cpu = cpu_timed(lambda: q.simulate_until_max_time(net.horizon_h))
    recs = [r for r in q.get_all_records() if r.record_type == "service"]
    last = len(net.servers)
    first = [r.waiting_time for r in recs if r.node == 1 and r.arrival_date >= net.warmup_h]
    leaving = [r for r in recs if r.node == last and r.exit_date < net.horizon_h]
    by_id = {r.id_number: r.arrival_date for r in recs if r.node == 1}
    system = [r.exit_date - by_id[r.id_number] for r in leaving
              if r.id_number in by_id and by_id[r.id_number] >= net.warmup_h]
    out = sum(1 for r in leaving if r.exit_date >= net.warmup_h)
    lots = len(q.get_all_individuals())
    return Answer(float(np.mean(first)), float(np.mean(system)),
                  out / (net.horizon_h - net.warmup_h), lots, cpu)


def interval(values: Sequence[float]) -> tuple[float, float]:
    """Mean and 95 % half-width (Student t) of replication values."""
    a = np.asarray(values, dtype=float)
    t = T_975.get(len(a), 1.96 if len(a) > 20 else 2.26)
    return float(a.mean()), float(t * a.std(ddof=1) / math.sqrt(len(a)))


@dataclass
class Comparison:
    """Both simulators on one network: intervals of each measure, speeds and their ratio."""

    network: str
    measures: dict[str, tuple[tuple[float, float], tuple[float, float]]]
    corridor_lots_per_s: float
    corridor_simulate_lots_per_s: float
    ciw_lots_per_s: float

    @property
    def agree(self) -> bool:
        """Every measure's difference lies within the two intervals combined."""
        return all(abs(a[0] - b[0]) <= math.hypot(a[1], b[1]) for a, b in self.measures.values())

    @property
    def ratio(self) -> float:
        """corridor-sim engine lots/s ÷ Ciw lots/s."""
        return self.corridor_lots_per_s / self.ciw_lots_per_s

    @property
    def simulate_ratio(self) -> float:
        """corridor-sim whole ``simulate`` lots/s ÷ Ciw lots/s."""
        return self.corridor_simulate_lots_per_s / self.ciw_lots_per_s


def compare(net: Network, reps: int = 10) -> Comparison:
    """``reps`` replications of each simulator on ``net``, interleaved (seeds 0 ..)."""
    ours: list[Answer] = []
    theirs: list[Answer] = []
    whole: list[Answer] = []
    for seed in range(reps):
        ours.append(run_corridor(net, seed))
        theirs.append(run_ciw(net, seed))
        whole.append(run_corridor(net, seed, whole=True))
    pick: dict[str, Callable[[Answer], float]] = {
        "wait_h": lambda a: a.wait_h, "system_h": lambda a: a.system_h,
        "throughput_per_h": lambda a: a.throughput_per_h}
    measures = {k: (interval([f(a) for a in ours]), interval([f(a) for a in theirs]))
                for k, f in pick.items()}

    def speed(answers: list[Answer]) -> float:
        return sum(a.lots for a in answers) / sum(a.cpu_s for a in answers)
    return Comparison(net.name, measures, speed(ours), speed(whole), speed(theirs))


def markdown(results: Sequence[Comparison]) -> str:
    """Both tables: the answers with intervals, and the speeds."""
    lines = ["| network | measure | corridor-sim | Ciw | agree |", "|---|---|---|---|---|"]
    for c in results:
        for k, (a, b) in c.measures.items():
            ok = abs(a[0] - b[0]) <= math.hypot(a[1], b[1])
            lines.append(f"| {c.network} | {k} | {a[0]:.4g} ± {a[1]:.2g} | {b[0]:.4g} ± {b[1]:.2g} "
                         f"| {'yes' if ok else 'no'} |")
    lines += ["", "| network | corridor-sim engine lots/s | simulate lots/s | Ciw lots/s | "
              "engine ÷ Ciw | simulate ÷ Ciw |", "|---|---|---|---|---|---|"]
    lines += [f"| {c.network} | {c.corridor_lots_per_s:,.0f} | {c.corridor_simulate_lots_per_s:,.0f} | "
              f"{c.ciw_lots_per_s:,.0f} | {c.ratio:.2f} | {c.simulate_ratio:.2f} |" for c in results]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="corridor-sim vs Ciw on two queueing networks")
    parser.add_argument("--quick", action="store_true", help="short runs, 3 replications")
    parser.add_argument("--reps", type=int, default=10)
    args = parser.parse_args(argv)
    nets: Sequence[Network] = NETWORKS
    reps = args.reps
    if args.quick:
        from dataclasses import replace

        nets = [replace(n, horizon_h=24.0 * 40, warmup_h=24.0 * 5) for n in NETWORKS]
        reps = 3
    print(markdown([compare(n, reps) for n in nets]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
