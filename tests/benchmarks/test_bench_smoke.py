"""The benchmarks cannot rot: run.py's table on tiny sizes, and every asv benchmark once.

No timing is asserted: only that every figure is produced, finite and consistent.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pytest

from benchmarks import bench_engine, common, run
from benchmarks.synthetic import synthetic_corridor
from corridor_sim.scenario import Scenario, scenario_from_dict

BENCH_DIR = Path(run.__file__).resolve().parent


def tiny(days: float = 20.0) -> Scenario:
    """A 10-node synthetic corridor over a few days."""
    return scenario_from_dict(synthetic_corridor(10, horizon_days=days))


def tiny_plan() -> run.Plan:
    return run.Plan(base=tiny, growth=lambda: tiny(40.0), years=(0.02, 0.04), volumes=(1, 2),
                    nodes=(10,), network_days=5.0, memory_days=30.0, bare_processes=(10, 20), repeat=1,
                    help_runs=1, rss=False, main_job=None, ciw_reps=0,
                    labels={"base": "tiny", "growth": "tiny growth"})


@pytest.fixture
def short_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """'One year' of a tiny scenario is its own few days (keeps the smoke run short)."""
    monkeypatch.setattr(common, "one_year", lambda s: s)


@pytest.mark.usefixtures("short_year")
def test_run_writes_table_markdown_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run.main(["--quick", "--out", str(tmp_path)], plan=tiny_plan()) == 0
    with (tmp_path / "bench.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [r["case"] for r in rows] == ["scenario", "one_year", "one_year", "horizon", "horizon",
                                         "volume", "volume", "network", "growth", "growth"]
    for r in rows:
        assert int(r["events"]) > 0 and int(r["lots"]) > 0
        assert float(r["events_per_s"]) == pytest.approx(int(r["events"]) / float(r["engine_s"]))
        assert 0.0 <= float(r["delivered_share"]) <= 1.0
    # the 2x volume run is the 1x corridor twice over: twice the lots, within Poisson noise
    vol = {r["param"]: int(r["lots"]) for r in rows if r["case"] == "volume"}
    assert 1.6 < vol["2x"] / vol["1x"] < 2.4
    text = (tmp_path / "bench.md").read_text()
    for name in ("simulated years/s, tiny, whole simulate", "bare SimPy loop at the same concurrency",
                 "within ±20 %", "--help", "bare_events_per_s_20_processes", "model_concurrency",
                 "peak memory, 0.0821 y tiny growth, engine (traced)"):
        assert name in text
    assert (tmp_path / "scaling.png").read_bytes()[:4] == b"\x89PNG"
    assert "wrote" in capsys.readouterr().out


def test_quick_and_full_plans_differ_only_in_size() -> None:
    assert max(run.QUICK.years) < min(run.FULL.years)
    assert max(run.QUICK.nodes) < max(run.FULL.nodes)
    assert run.FULL.nodes == (10, 100, 1000) and run.FULL.volumes == (1, 3, 10)


def test_bare_simpy_loop_counts_events() -> None:
    rate = common.bare_simpy_events_per_s(2000, n_processes=10, repeat=1)
    assert math.isfinite(rate) and rate > 0


def _benchmark_methods(cls: type) -> list[str]:
    return [m for m in dir(cls) if m.startswith(("time_", "peakmem_", "track_"))]


@pytest.mark.parametrize(("cls", "param"), [
    (bench_engine.OneYear, "target_2025"),
    (bench_engine.TenYears, None),
    (bench_engine.Horizon, 0.02),
    (bench_engine.Volume, 2),
    (bench_engine.NetworkSize, 10),
    (bench_engine.CommandLine, None),
    (bench_engine.Ratios, None),
])
@pytest.mark.usefixtures("short_year")
def test_asv_benchmarks_run_once(cls: type, param: Any, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    import yaml

    from tests.conftest import TINY

    monkeypatch.setattr(bench_engine, "scenario_named", lambda name: tiny())
    monkeypatch.setattr(bench_engine, "base_scenario", tiny)
    monkeypatch.setattr(bench_engine.NetworkSize, "days", 5.0)
    monkeypatch.setattr(bench_engine.TenYears, "days", 30.0)
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(TINY))
    monkeypatch.setattr(bench_engine.Ratios, "main_job_scenario", tmp_path / "tiny.yaml")
    monkeypatch.setattr(bench_engine.Ratios, "ciw_days", 10.0)
    monkeypatch.setattr(bench_engine.Ratios, "ciw_reps", 2)
    bench = cls()
    args = () if param is None else (param,)
    if hasattr(bench, "setup"):
        bench.setup(*args)
    methods = _benchmark_methods(cls)
    assert methods
    for name in methods:
        value = getattr(bench, name)(*args)
        if name.startswith("track_"):
            assert math.isfinite(value) and value > 0, name


def test_asv_discovers_every_benchmark() -> None:
    from asv_runner.discovery import disc_benchmarks

    found = {b.name for b in disc_benchmarks(str(BENCH_DIR))}
    for cls in (bench_engine.OneYear, bench_engine.TenYears, bench_engine.Horizon,
                bench_engine.Volume, bench_engine.NetworkSize, bench_engine.CommandLine,
                bench_engine.Ratios):
        for method in _benchmark_methods(cls):
            assert f"bench_engine.{cls.__name__}.{method}" in found


def test_asv_config_points_at_the_repository() -> None:
    conf = json.loads((BENCH_DIR / "asv.conf.json").read_text())
    assert conf["repo"] == ".." and conf["benchmark_dir"] == "."
    assert (BENCH_DIR / conf["repo"] / "pyproject.toml").exists()


def test_ciw_comparison_agrees_on_a_short_mmc() -> None:
    from dataclasses import replace

    from benchmarks import ciw_compare

    net = replace(ciw_compare.MMC, horizon_h=24.0 * 20, warmup_h=24.0 * 2)
    c = ciw_compare.compare(net, reps=2)
    assert set(c.measures) == {"wait_h", "system_h", "throughput_per_h"}
    assert c.ratio > 0 and c.simulate_ratio > 0 and "engine ÷ Ciw" in ciw_compare.markdown([c])
    (ours, _), (ciw, _) = c.measures["throughput_per_h"]
    assert ours == pytest.approx(3.2, rel=0.15) and ciw == pytest.approx(3.2, rel=0.15)


def test_main_job_table_states_both_ratios() -> None:
    from benchmarks.main_job import MainJob, markdown

    job = MainJob("tiny", command_wall_s=3.0, command_cpu_s=2.0, simulate_wall_s=1.5,
                  simulate_cpu_s=1.0, output_mb=0.25)
    assert job.wall_ratio == 2.0 and job.cpu_ratio == 2.0
    assert "| tiny | 3.00 | 2.00 | 1.50 | 1.00 | 2.00 | 2.00 | 0.2 |" in markdown(job)
    slower = MainJob("tiny", command_wall_s=5.0, command_cpu_s=2.0, simulate_wall_s=2.0,
                     simulate_cpu_s=0.5, output_mb=0.25)
    third = MainJob("tiny", command_wall_s=3.0, command_cpu_s=3.0, simulate_wall_s=1.0,
                    simulate_cpu_s=1.0, output_mb=0.25)
    assert markdown([job, slower, third]).splitlines()[-1] == "| median of 3 | | | | | 2.50 | 3.00 | |"
