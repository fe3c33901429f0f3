"""Scenarios and measurements shared by the asv suite and ``benchmarks/run.py``.

Scenario builders return validated :class:`~corridor_sim.scenario.Scenario` objects:
the shipped ``target_2025`` and ``growth_2030`` (built from ``target_2025`` if the
shipped file is missing), ten years of growth, a scenario over another horizon (made
stationary for the horizon scaling: target_2025 inherits the baseline's +62 %/yr
growth, which would swamp the cost of a longer run), with its volume scaled (fleets,
berths, yards and timetables with it, so it is no more saturated), and the synthetic
corridors of :mod:`benchmarks.synthetic`.
"""

from __future__ import annotations

import gc
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from corridor_sim.scenario import Scenario, load_scenario, scenario_from_dict

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
DAYS_PER_YEAR = 365.25
GROWTH_PER_YEAR = 0.06  # assumption of the stand-in growth_2030 (10 years from target_2025)
TEN_YEARS_DAYS = 3652.0
_SCALED_FIELDS = ("berths", "yard_teu", "yard_t", "capacity_t_per_year", "capacity_teu_per_year",
                  "annual_t", "annual_teu", "vehicles")
_HEADWAY_FIELDS = ("every_h",)
T = TypeVar("T")


def cpu_timed(fn: Callable[[], T]) -> tuple[T, float]:
    """``fn()`` run after emptying the garbage collector, and the CPU seconds it took
    (``time.process_time``: other jobs on the machine slow it less than wall time)."""
    gc.collect()
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def wall_cpu_timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """``fn()`` run after emptying the garbage collector, its wall and CPU seconds."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def best_cpu_s(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fewest CPU seconds of ``repeat`` calls of ``fn`` (each after emptying the GC)."""
    return min(cpu_timed(fn)[1] for _ in range(max(1, repeat)))


def children_cpu_s() -> float:
    """CPU seconds (user + system) of this process's finished child processes."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def target_2025() -> Scenario:
    """The shipped 2025 targets scenario."""
    return load_scenario(SCENARIOS / "target_2025.yaml")


def growth_2030() -> Scenario:
    """``scenarios/growth_2030.yaml`` if shipped; else ten years of target_2025 growing 6 %/yr."""
    shipped = SCENARIOS / "growth_2030.yaml"
    if shipped.exists():
        return load_scenario(shipped)
    base = target_2025()
    overrides: dict[str, float] = {"run.horizon_days": TEN_YEARS_DAYS}
    overrides.update({f"flows.{name}.growth_per_year": GROWTH_PER_YEAR for name in base.flows})
    return load_scenario(SCENARIOS / "target_2025.yaml", overrides=overrides)


def growth_ten_years() -> Scenario:
    """growth_2030 run for ten years (demand keeps growing after 2030; capacity does not)."""
    return with_horizon(growth_2030(), TEN_YEARS_DAYS)


def scenario_named(name: str) -> Scenario:
    """``target_2025``, ``growth_2030`` or ``synthetic_<n_nodes>``."""
    if name == "target_2025":
        return target_2025()
    if name == "growth_2030":
        return growth_2030()
    if name.startswith("synthetic_"):
        from benchmarks.synthetic import synthetic_corridor

        return scenario_from_dict(synthetic_corridor(int(name.split("_")[1])))
    raise ValueError(f"unknown benchmark scenario {name!r}")


def document(s: Scenario) -> dict[str, Any]:
    """The scenario as a plain document (round-trips through ``scenario_from_dict``)."""
    return s.model_dump(mode="json", by_alias=True, exclude_none=True)


def with_horizon(s: Scenario, days: float, stationary: bool = False) -> Scenario:
    """The scenario run for ``days`` (warm-up kept if shorter than half the run, else none).

    With ``stationary``, no flow grows (``growth_per_year`` 0, also in timeline changes).
    """
    doc = document(s)
    warmup = doc["run"].get("warmup_days", 0.0)
    doc["run"]["horizon_days"] = days
    doc["run"]["warmup_days"] = warmup if warmup < days / 2 else 0.0
    if stationary:
        for flow in doc["flows"].values():
            flow["growth_per_year"] = 0.0
        for change in doc.get("timeline", []):
            change["set"] = {k: v for k, v in change["set"].items()
                             if not k.endswith(".growth_per_year")}
        doc["timeline"] = [c for c in doc.get("timeline", []) if c["set"]]
    return scenario_from_dict(doc, source=f"{s.name} over {days:g} days")


def one_year(s: Scenario) -> Scenario:
    """The first simulated year of ``s``."""
    return with_horizon(s, DAYS_PER_YEAR)


def scaled_volume(s: Scenario, factor: int) -> Scenario:
    """Every flow's annual volume times ``factor``, and the means to carry it.

    Vehicles, berths, yards and stated capacities are multiplied by ``factor`` and
    headways divided by it (also in timeline changes), so utilisations stay those of
    ``s``: the same corridor ``factor`` times over.
    """
    doc = document(s)
    for table in ("nodes", "services", "flows"):
        for item in doc.get(table, {}).values():
            _scale(item, factor)
    for change in doc.get("timeline", []):
        change["set"] = {k: _scaled_value(k.rsplit(".", 1)[-1], v, factor)
                         for k, v in change["set"].items()}
    return scenario_from_dict(doc, source=f"{s.name} x{factor}")


def _scale(obj: dict[str, Any], factor: int) -> None:
    for key, value in obj.items():
        if isinstance(value, dict) and key not in ("sources", "expandable"):
            _scale(value, factor)
        else:
            obj[key] = _scaled_value(key, value, factor)


def _scaled_value(key: str, value: Any, factor: int) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if key in _SCALED_FIELDS:
        return type(value)(value * factor)
    if key in _HEADWAY_FIELDS:
        return max(0.1, value / factor)
    return value


@dataclass
class EngineRun:
    """One engine measurement: best of ``repeat`` runs (CPU seconds of this process)."""

    engine_s: float
    events: int
    lots: int
    sim_years: float
    delivered_share: float

    @property
    def events_per_s(self) -> float:
        """Events processed per CPU second."""
        return self.events / self.engine_s

    @property
    def lots_per_s(self) -> float:
        """Lots created per CPU second."""
        return self.lots / self.engine_s

    @property
    def years_per_s(self) -> float:
        """Simulated years per CPU second."""
        return self.sim_years / self.engine_s


def prepare(s: Scenario) -> tuple[Scenario, dict[str, Any]]:
    """The scenario and its resolved routes (what the engine takes)."""
    from corridor_sim.network import resolve_routes

    return s, resolve_routes(s)


def measure_engine(s: Scenario, seed: int = 0, repeat: int = 3) -> EngineRun:
    """Run the engine ``repeat`` times on ``s`` and keep the fastest (CPU time).

    CPU time of the process (``time.process_time``) rather than wall time: other
    jobs on the machine slow it less. The garbage collector is emptied before each run.
    """
    from corridor_sim.engine import run_model

    scenario, routes = prepare(s)
    runs = [cpu_timed(lambda: run_model(scenario, routes, seed)) for _ in range(max(1, repeat))]
    raw = runs[-1][0]
    best = min(cpu for _, cpu in runs)
    assert raw is not None
    lots = len(raw.lots["flow"])
    live = raw.census.live  # parcels not delivered: rows [start, stop)
    undelivered = int((live[:, 1] - live[:, 0]).sum()) if len(live) else 0
    return EngineRun(best, raw.n_events, lots, scenario.run.horizon_days / DAYS_PER_YEAR,
                     1.0 - undelivered / lots if lots else 1.0)


def bare_simpy_events_per_s(n_events: int, n_processes: int = 100, seed: int = 0,
                            repeat: int = 3) -> float:
    """Events per CPU second of a bare SimPy loop processing ``n_events`` events.

    ``n_processes`` processes each wait ``env.timeout(random)`` in a loop: the floor
    cost of an event in SimPy on this machine, for the model's events/s to be read
    against.
    """
    import simpy

    def waiter(env: simpy.Environment, draw: Callable[[], float]) -> Any:
        while True:
            yield env.timeout(draw())

    def started() -> Callable[[], None]:
        env = simpy.Environment()
        draw = random.Random(seed).random
        for _ in range(n_processes):
            env.process(waiter(env, draw))
        step = env.step
        for _ in range(n_processes):  # start every process (not counted)
            step()

        def steps() -> None:
            for _ in range(n_events):
                step()
        return steps

    best = min(cpu_timed(started())[1] for _ in range(max(1, repeat)))
    return n_events / best


def cli_command() -> list[str]:
    """The ``corridor-sim`` console script of this interpreter (or ``python -m corridor_sim``)."""
    script = Path(sys.executable).with_name("corridor-sim")
    return [str(script)] if script.exists() else [sys.executable, "-m", "corridor_sim"]


def cli_help_s(runs: int = 5) -> list[float]:
    """Wall seconds of ``corridor-sim --help`` in fresh processes, one per run."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*cli_command(), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return times


def model_concurrency(s: Scenario, seed: int = 0, every: int = 64) -> int:
    """Mean number of pending events in the engine's event heap over a run of ``s``.

    A bare SimPy loop of that many processes keeps as many events pending: its
    events/s is the fair floor for the model's (a deeper heap costs more per event).
    Sampled every ``every`` events.
    """
    import simpy

    from corridor_sim.engine.model import Horizon
    from corridor_sim.engine.run import build

    m, _ = build(*prepare(s), seed)
    env = m.env
    heap = env._queue  # SimPy's event heap (read only)
    Horizon(env, m.horizon_h)
    total = samples = 0
    step = env.step
    try:
        while True:
            for _ in range(every):
                step()
            total += len(heap)
            samples += 1
    except simpy.core.StopSimulation:
        pass
    return max(1, round(total / max(samples, 1)))


def measure_simulate_s(s: Scenario, seed: int = 0, repeat: int = 3) -> float:
    """CPU seconds of the whole :func:`corridor_sim.simulate` (routes, engine, tables,
    KPIs), best of ``repeat``."""
    from corridor_sim import simulate

    return best_cpu_s(lambda: simulate(s, seed=seed), repeat)
