"""Every benchmark figure as one table, without asv.

Usage (from the repository root)::

    python benchmarks/run.py [--quick] [--out benchmarks/out] [--repeat 3]

Prints the table and the targets, and writes ``bench.csv``, ``bench.md`` and
``scaling.png`` to ``--out``. Times are CPU seconds of the engine (``run_model``),
best of ``--repeat`` runs; ``--quick`` runs small sizes once (a CI smoke run: no
timing is asserted anywhere).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import common  # noqa: E402
from benchmarks.report import Memory, Row, markdown, targets, write_outputs  # noqa: E402
from corridor_sim.scenario import Scenario  # noqa: E402


@dataclass
class Plan:
    """What to measure: scenario factories and sizes."""

    base: Callable[[], Scenario] = common.target_2025
    growth: Callable[[], Scenario] = common.growth_2030
    years: Sequence[float] = (1, 5, 20)
    volumes: Sequence[int] = (1, 3, 10)
    nodes: Sequence[int] = (10, 100, 1000)
    network_days: float = 120.0
    growth_days: float | None = None  # None: the growth scenario's own horizon
    memory_days: float = common.TEN_YEARS_DAYS  # the growth run whose memory is measured
    bare_processes: Sequence[int] = (100, 1000, 10000)  # the bare SimPy loop's sizes
    repeat: int = 3
    help_runs: int = 7
    rss: bool = True  # peak RSS of fresh processes (engine; whole simulate)
    main_job: Path | None = common.SCENARIOS / "varna.yaml"  # `corridor-sim run` of this file
    ciw_reps: int = 5  # replications per simulator and network (0: no Ciw comparison)
    ciw_days: float = 365.0
    labels: dict[str, str] = field(default_factory=lambda: {"base": "target_2025",
                                                            "growth": "growth_2030"})


FULL = Plan()
QUICK = Plan(years=(0.1, 0.2), volumes=(1, 2), nodes=(10, 20), network_days=30.0,
             growth_days=120.0, memory_days=120.0, bare_processes=(100, 1000), repeat=1,
             help_runs=2, ciw_reps=2, ciw_days=30.0)


def engine_row(case: str, param: str, label: str, s: Scenario, repeat: int) -> Row:
    """Measure the engine on ``s``."""
    run = common.measure_engine(s, repeat=repeat)
    return Row(case, param, label, run)


def measure(plan: Plan) -> tuple[list[Row], dict[str, Any]]:
    """Every row of the table, and the extra figures (bare SimPy, CLI, memory)."""
    base, growth = plan.base(), plan.growth()
    name, gname = plan.labels["base"], plan.labels["growth"]
    rows = [engine_row("scenario", "shipped horizon", name, base, plan.repeat)]
    rows.append(engine_row("one_year", "365.25 d", name, common.one_year(base), plan.repeat))
    rows.append(engine_row("one_year", "365.25 d", gname, common.one_year(growth), plan.repeat))
    for years in plan.years:
        s = common.with_horizon(base, years * common.DAYS_PER_YEAR, stationary=True)
        rows.append(engine_row("horizon", f"{years:g} y", name, s, plan.repeat))
    for factor in plan.volumes:
        s = common.scaled_volume(base, factor)
        rows.append(engine_row("volume", f"{factor}x", name, s, plan.repeat))
    for nodes in plan.nodes:
        from benchmarks.synthetic import synthetic_corridor
        from corridor_sim.scenario import scenario_from_dict

        s = scenario_from_dict(synthetic_corridor(nodes, plan.network_days))
        rows.append(engine_row("network", f"{nodes} nodes", f"synthetic {plan.network_days:g} d", s,
                               plan.repeat))
    runs = {}  # growth runs by horizon: the shipped one, and the one for the memory target
    for days in (plan.growth_days, plan.memory_days):
        g = growth if days is None else common.with_horizon(growth, days)
        runs[g.run.horizon_days] = g
    for g in runs.values():
        rows.append(engine_row("growth", _years(g), gname, g, plan.repeat))
    extra = _extras(plan, rows[0], base)
    extra["memory"] = [_memory(plan, f"{_years(g)} {gname}", g) for g in runs.values()]
    if plan.main_job is not None:
        from benchmarks.main_job import measure_main_job

        job = measure_main_job(plan.main_job)
        extra.update({"main_job_wall_ratio": job.wall_ratio, "main_job_cpu_ratio": job.cpu_ratio,
                      "main_job_output_mb": job.output_mb, "main_job_wall_s": job.command_wall_s,
                      "main_job_simulate_wall_s": job.simulate_wall_s})
    if plan.ciw_reps > 0:
        extra.update(_ciw(plan))
    return rows, extra


def _ciw(plan: Plan) -> dict[str, Any]:
    """corridor-sim ÷ Ciw lots/s on each network (and whether the answers agree)."""
    from dataclasses import replace as with_

    from benchmarks import ciw_compare

    out: dict[str, Any] = {}
    for key, net in (("mmc", ciw_compare.MMC), ("tandem", ciw_compare.TANDEM)):
        net = with_(net, horizon_h=24.0 * plan.ciw_days, warmup_h=24.0 * plan.ciw_days / 12)
        c = ciw_compare.compare(net, plan.ciw_reps)
        out.update({f"ciw_{key}_ratio": c.ratio, f"ciw_{key}_simulate_ratio": c.simulate_ratio,
                    f"ciw_{key}_agree": c.agree})
    return out


def _years(s: Scenario) -> str:
    return f"{s.run.horizon_days / common.DAYS_PER_YEAR:.3g} y"


def _extras(plan: Plan, headline: Row, base: Scenario) -> dict[str, Any]:
    """The model's events/s against a bare SimPy loop of as many events, with as many
    pending events as the model has on average (and the bare loop's own slow-down with
    more processes: a deeper event heap, more cache misses); the whole ``simulate``;
    CLI start-up."""
    bare = {n: common.bare_simpy_events_per_s(headline.run.events, n_processes=n, repeat=plan.repeat)
            for n in plan.bare_processes}
    concurrency = common.model_concurrency(base)
    same = common.bare_simpy_events_per_s(headline.run.events, n_processes=concurrency,
                                          repeat=plan.repeat)
    helps = sorted(common.cli_help_s(plan.help_runs))
    first = bare[plan.bare_processes[0]]
    simulate_s = common.measure_simulate_s(base, repeat=plan.repeat)
    return {
        "model_concurrency": concurrency,
        "bare_events_per_s_same_concurrency": same,
        "ratio_to_bare_same_concurrency": headline.run.events_per_s / same,
        "bare_events_per_s": first,
        "ratio_to_bare": headline.run.events_per_s / first,
        **{f"bare_events_per_s_{n}_processes": v for n, v in bare.items()},
        "simulate_s": simulate_s,
        "simulate_years_per_s": headline.run.sim_years / simulate_s,
        "help_s_min": helps[0], "help_s_median": helps[len(helps) // 2],
    }


def _memory(plan: Plan, label: str, s: Scenario) -> Memory:
    from benchmarks import memory

    m = Memory(label, memory.traced_engine_peak_mb(s))
    if plan.rss:
        m.imports_rss_mb, m.engine_rss_mb = memory.rss_peak_mb(s, "engine")
        m.simulate_rss_mb = memory.rss_peak_mb(s, "simulate")[1]
    return m


def main(argv: Sequence[str] | None = None, plan: Plan | None = None) -> int:
    """Command-line entry point; ``plan`` (tests) replaces the sizes chosen by ``--quick``."""
    parser = argparse.ArgumentParser(description="corridor-sim benchmarks as one table")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each (CI)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (best kept)")
    args = parser.parse_args(argv)
    chosen = plan or (QUICK if args.quick else FULL)
    if args.repeat is not None:
        chosen = replace(chosen, repeat=args.repeat)
    rows, extra = measure(chosen)
    checks = targets(rows, extra)
    print(markdown(rows, extra, checks))
    for path in write_outputs(args.out, rows, extra, checks):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
