"""The main job as a new user runs it: ``corridor-sim run scenarios/varna.yaml``.

Measures, one after the other on the same machine: the command in a fresh process
(wall and CPU seconds, imports, loading, simulating, writing and printing included),
the whole ``simulate`` of the same scenario and seed in this process (wall and CPU
seconds), and the size of the output directory. The goal is a command that costs at
most twice its ``simulate``, writing at most 15 MB.

Usage: ``python benchmarks/main_job.py [scenario.yaml] [--repeat N]`` (machines that share
their cores vary by ±20 % from run to run: the median of a few runs is the figure to read).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    SCENARIOS,
    children_cpu_s,
    cli_command,
    wall_cpu_timed,
)

MB = 1e6


@dataclass
class MainJob:
    """What one main job cost, against its ``simulate``."""

    scenario: str
    command_wall_s: float
    command_cpu_s: float
    simulate_wall_s: float
    simulate_cpu_s: float
    output_mb: float

    @property
    def wall_ratio(self) -> float:
        """Command wall time ÷ ``simulate`` wall time."""
        return self.command_wall_s / self.simulate_wall_s

    @property
    def cpu_ratio(self) -> float:
        """Command CPU time ÷ ``simulate`` CPU time (less disturbed by other jobs)."""
        return self.command_cpu_s / self.simulate_cpu_s


def measure_main_job(path: Path, seed: int = 0) -> MainJob:
    """Run the command once, then ``simulate`` once, on the scenario file ``path``."""
    from corridor_sim import load_scenario, simulate

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cpu0 = children_cpu_s()
        _, wall, _ = wall_cpu_timed(lambda: subprocess.run(
            [*cli_command(), "run", str(path), "--seed", str(seed), "--out", str(out)],
            check=True, capture_output=True))
        cpu = children_cpu_s() - cpu0
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / MB
    s = load_scenario(path)
    simulate(s, seed=seed)  # warm: imports and first-call costs are not the simulation's
    _, sim_wall, sim_cpu = wall_cpu_timed(lambda: simulate(s, seed=seed))
    return MainJob(path.stem, wall, cpu, sim_wall, sim_cpu, size)


def markdown(jobs: MainJob | list[MainJob]) -> str:
    """The measurements as a markdown table (with the median ratios when there are several)."""
    jobs = jobs if isinstance(jobs, list) else [jobs]
    lines = ["| scenario | command wall s | command CPU s | simulate wall s | simulate CPU s | "
             "wall ratio | CPU ratio | output MB |", "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {job.scenario} | {job.command_wall_s:.2f} | {job.command_cpu_s:.2f} | "
              f"{job.simulate_wall_s:.2f} | {job.simulate_cpu_s:.2f} | {job.wall_ratio:.2f} | "
              f"{job.cpu_ratio:.2f} | {job.output_mb:.1f} |" for job in jobs]
    if len(jobs) > 1:
        lines.append(f"| median of {len(jobs)} | | | | | "
                     f"{statistics.median(j.wall_ratio for j in jobs):.2f} | "
                     f"{statistics.median(j.cpu_ratio for j in jobs):.2f} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``[scenario.yaml] [--repeat N]`` (N runs, one after another)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("scenario", nargs="?", type=Path, default=SCENARIOS / "varna.yaml")
    p.add_argument("--repeat", type=int, default=1, help="runs (the ratios' median is shown)")
    a = p.parse_args(argv)
    print(markdown([measure_main_job(a.scenario) for _ in range(max(a.repeat, 1))]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
