"""The main job as a new user runs it: ``corridor-sim run scenarios/varna.yaml``.

Measures, one after the other on the same machine: the command in a fresh process
(wall and CPU seconds, imports, loading, simulating, writing and printing included),
the whole ``simulate`` of the same scenario and seed in this process (wall and CPU
seconds), and the size of the output directory. The goal is a command that costs at
most twice its ``simulate``, writing at most 15 MB.

Usage: ``python benchmarks/main_job.py [scenario.yaml]``.
"""

from __future__ import annotations

import gc
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import SCENARIOS, cli_command  # noqa: E402

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


def _children_cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure_main_job(path: Path, seed: int = 0) -> MainJob:
    """Run the command once, then ``simulate`` once, on the scenario file ``path``."""
    from corridor_sim import load_scenario, simulate

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        cpu0, t0 = _children_cpu_s(), time.perf_counter()
        subprocess.run([*cli_command(), "run", str(path), "--seed", str(seed), "--out", str(out)],
                       check=True, capture_output=True)
        wall, cpu = time.perf_counter() - t0, _children_cpu_s() - cpu0
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / MB
    s = load_scenario(path)
    simulate(s, seed=seed)  # warm: imports and first-call costs are not the simulation's
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    simulate(s, seed=seed)
    return MainJob(path.stem, wall, cpu, time.perf_counter() - t0, time.process_time() - c0, size)


def markdown(job: MainJob) -> str:
    """The measurement as a markdown table."""
    return "\n".join([
        "| scenario | command wall s | command CPU s | simulate wall s | simulate CPU s | "
        "wall ratio | CPU ratio | output MB |", "|---|---|---|---|---|---|---|---|",
        f"| {job.scenario} | {job.command_wall_s:.2f} | {job.command_cpu_s:.2f} | "
        f"{job.simulate_wall_s:.2f} | {job.simulate_cpu_s:.2f} | {job.wall_ratio:.2f} | "
        f"{job.cpu_ratio:.2f} | {job.output_mb:.1f} |"])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else SCENARIOS / "varna.yaml"
    print(markdown(measure_main_job(path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
