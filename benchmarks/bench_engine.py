"""asv benchmarks: time, peak memory and throughput of the engine.

Run from this directory: ``asv run --python=same --quick`` (once, to check) or
``asv run --python=same``. Scenarios come from :mod:`benchmarks.common`; the module
level functions ``scenario_named`` and ``base_scenario`` are the only way in, so a
test can swap them for tiny scenarios and call every benchmark once.
"""

from __future__ import annotations

import time
from typing import Any

from benchmarks import common
from corridor_sim.scenario import Scenario

scenario_named = common.scenario_named


def base_scenario() -> Scenario:
    """The scenario that the horizon and volume benchmarks scale (target_2025)."""
    return common.target_2025()


def _engine(case: tuple[Scenario, dict[str, Any]]) -> None:
    from corridor_sim.engine import run_model

    run_model(case[0], case[1], 0)


class OneYear:
    """One simulated year of a shipped scenario: engine, whole ``simulate`` and rates."""

    params = (["target_2025", "growth_2030"],)
    param_names = ["scenario"]
    number = 1
    repeat = (1, 5, 30.0)
    timeout = 300
    timer = time.process_time  # CPU time: other jobs on the machine disturb it less

    def setup(self, name: str) -> None:
        """Build the one-year scenario and its routes (not timed)."""
        self.case = common.prepare(common.one_year(scenario_named(name)))

    def time_engine(self, name: str) -> None:
        """Engine only (``run_model``)."""
        _engine(self.case)

    def time_simulate(self, name: str) -> None:
        """Routes, engine and results tables (``simulate``)."""
        from corridor_sim import simulate

        simulate(self.case[0], seed=0)

    def peakmem_simulate(self, name: str) -> None:
        """Peak memory of the process around ``simulate``."""
        from corridor_sim import simulate

        simulate(self.case[0], seed=0)

    def track_events_per_s(self, name: str) -> float:
        """SimPy events processed per CPU second."""
        return common.measure_engine(self.case[0], repeat=1).events_per_s

    track_events_per_s.unit = "events/s"  # type: ignore[attr-defined]

    def track_lots_per_s(self, name: str) -> float:
        """Lots created per CPU second."""
        return common.measure_engine(self.case[0], repeat=1).lots_per_s

    track_lots_per_s.unit = "lots/s"  # type: ignore[attr-defined]

    def track_sim_years_per_s(self, name: str) -> float:
        """Simulated years per CPU second."""
        return common.measure_engine(self.case[0], repeat=1).years_per_s

    track_sim_years_per_s.unit = "years/s"  # type: ignore[attr-defined]

    def track_ratio_to_bare_simpy(self, name: str) -> float:
        """The model's events/s over a bare SimPy timeout loop's (same events, same process)."""
        run = common.measure_engine(self.case[0], repeat=1)
        return run.events_per_s / common.bare_simpy_events_per_s(run.events, repeat=1)

    track_ratio_to_bare_simpy.unit = "ratio"  # type: ignore[attr-defined]


class TenYears:
    """growth_2030 over ten years: time and peak memory."""

    number = 1
    repeat = (1, 2, 60.0)
    timeout = 600
    timer = time.process_time

    days = common.TEN_YEARS_DAYS

    def setup(self) -> None:
        """Build the scenario and its routes (not timed)."""
        self.case = common.prepare(common.with_horizon(scenario_named("growth_2030"), self.days))

    def time_engine(self) -> None:
        """Engine only."""
        _engine(self.case)

    def peakmem_simulate(self) -> None:
        """Peak memory of the process around ``simulate``."""
        from corridor_sim import simulate

        simulate(self.case[0], seed=0)


class Horizon:
    """Cost against the horizon (years of the base scenario, made stationary)."""

    params = ([1, 5, 20],)
    param_names = ["years"]
    number = 1
    repeat = (1, 3, 60.0)
    timeout = 600
    timer = time.process_time

    def setup(self, years: float) -> None:
        """Build the scenario over ``years`` (not timed)."""
        days = years * common.DAYS_PER_YEAR
        self.case = common.prepare(common.with_horizon(base_scenario(), days, stationary=True))

    def time_engine(self, years: float) -> None:
        """Engine only."""
        _engine(self.case)

    def track_s_per_sim_year(self, years: float) -> float:
        """CPU seconds per simulated year (flat if the cost is linear)."""
        run = common.measure_engine(self.case[0], repeat=1)
        return run.engine_s / run.sim_years

    track_s_per_sim_year.unit = "s/year"  # type: ignore[attr-defined]


class Volume:
    """Cost against demand (fleets, berths and timetables scaled with it: not saturated)."""

    params = ([1, 3, 10],)
    param_names = ["factor"]
    number = 1
    repeat = (1, 3, 60.0)
    timeout = 600
    timer = time.process_time

    def setup(self, factor: int) -> None:
        """Build the scaled scenario (not timed)."""
        self.case = common.prepare(common.scaled_volume(base_scenario(), factor))

    def time_engine(self, factor: int) -> None:
        """Engine only."""
        _engine(self.case)

    def track_s_per_volume(self, factor: int) -> float:
        """CPU seconds per unit of demand (flat if the cost is linear)."""
        return common.measure_engine(self.case[0], repeat=1).engine_s / factor

    track_s_per_volume.unit = "s"  # type: ignore[attr-defined]


class NetworkSize:
    """Cost against the size of a synthetic corridor (demand per chain fixed)."""

    params = ([10, 100, 1000],)
    param_names = ["nodes"]
    number = 1
    repeat = (1, 3, 60.0)
    timeout = 600
    timer = time.process_time
    days = 120.0

    def setup(self, nodes: int) -> None:
        """Build the synthetic corridor (not timed)."""
        from benchmarks.synthetic import synthetic_corridor
        from corridor_sim.scenario import scenario_from_dict

        self.case = common.prepare(scenario_from_dict(synthetic_corridor(nodes, self.days)))

    def time_engine(self, nodes: int) -> None:
        """Engine only."""
        _engine(self.case)

    def track_events_per_s(self, nodes: int) -> float:
        """Events per CPU second (flat if the cost per event does not grow with size)."""
        return common.measure_engine(self.case[0], repeat=1).events_per_s

    track_events_per_s.unit = "events/s"  # type: ignore[attr-defined]


class CommandLine:
    """Start-up of the command line (lazy imports)."""

    number = 1
    repeat = (3, 10, 20.0)

    def time_help(self) -> None:
        """``corridor-sim --help`` in a fresh process (wall time)."""
        common.cli_help_s(runs=1)


class Ratios:
    """The tracked, machine-independent figures: the engine against bare SimPy and Ciw,
    the whole ``simulate`` in simulated years, the main job against its ``simulate``."""

    number = 1
    repeat = 1
    timeout = 900
    ciw_days = 365.0
    ciw_reps = 3
    main_job_scenario = common.SCENARIOS / "varna.yaml"

    def setup(self) -> None:
        """The shipped target_2025 and its routes (not timed)."""
        self.case = common.prepare(base_scenario())

    def track_ratio_to_bare_simpy_same_concurrency(self) -> float:
        """Model events/s ÷ a bare SimPy loop's with as many pending events (goal >= 0.4)."""
        run = common.measure_engine(self.case[0], repeat=1)
        n = common.model_concurrency(self.case[0])
        return run.events_per_s / common.bare_simpy_events_per_s(run.events, n_processes=n, repeat=1)

    track_ratio_to_bare_simpy_same_concurrency.unit = "ratio"  # type: ignore[attr-defined]

    def track_simulate_years_per_s(self) -> float:
        """Simulated years per CPU second of the whole ``simulate`` (goal >= 5)."""
        s = self.case[0]
        return s.run.horizon_days / common.DAYS_PER_YEAR / common.measure_simulate_s(s, repeat=1)

    track_simulate_years_per_s.unit = "years/s"  # type: ignore[attr-defined]

    def _ciw(self, which: str) -> float:
        from dataclasses import replace

        from benchmarks import ciw_compare

        net = getattr(ciw_compare, which)
        net = replace(net, horizon_h=24.0 * self.ciw_days, warmup_h=24.0 * self.ciw_days / 12)
        return ciw_compare.compare(net, self.ciw_reps).ratio

    def track_ratio_to_ciw_mmc(self) -> float:
        """Engine lots/s ÷ Ciw's on an M/M/c (goal >= 2)."""
        return self._ciw("MMC")

    track_ratio_to_ciw_mmc.unit = "ratio"  # type: ignore[attr-defined]

    def track_ratio_to_ciw_tandem(self) -> float:
        """Engine lots/s ÷ Ciw's on a tandem with blocking (goal >= 2)."""
        return self._ciw("TANDEM")

    track_ratio_to_ciw_tandem.unit = "ratio"  # type: ignore[attr-defined]

    def track_main_job_wall_ratio(self) -> float:
        """``corridor-sim run scenarios/varna.yaml`` wall ÷ its ``simulate`` (goal <= 2)."""
        from benchmarks.main_job import measure_main_job

        return measure_main_job(self.main_job_scenario).wall_ratio

    track_main_job_wall_ratio.unit = "ratio"  # type: ignore[attr-defined]
