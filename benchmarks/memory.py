"""Peak memory of a run: traced Python allocations, and the RSS of a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

from benchmarks.common import document, prepare
from corridor_sim.scenario import Scenario

MB = 1024.0 * 1024.0

# Loads the scenario (argv[1]), then runs the engine only or the whole simulate (argv[2])
# and prints the peak RSS (KB) after the imports and at the end. The peak is the
# address space's high-water mark (VmHWM, Linux): ``ru_maxrss`` would also count the
# parent's memory at the fork.
_RSS_SCRIPT = """
import json, resource, sys
def peak_kb():
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from corridor_sim import simulate
from corridor_sim.engine import run_model
from corridor_sim.network import resolve_routes
from corridor_sim.scenario import scenario_from_dict
s = scenario_from_dict(json.load(open(sys.argv[1])))
routes = resolve_routes(s)
before = peak_kb()
run_model(s, routes, 0) if sys.argv[2] == "engine" else simulate(s, seed=0)
print(before, peak_kb())
"""


def traced_engine_peak_mb(s: Scenario, seed: int = 0) -> float:
    """Peak of memory allocated through Python (numpy included) by the engine run, in MB."""
    from corridor_sim.engine import run_model

    scenario, routes = prepare(s)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        run_model(scenario, routes, seed)
        return (tracemalloc.get_traced_memory()[1] - base) / MB
    finally:
        if not was_tracing:
            tracemalloc.stop()


def rss_peak_mb(s: Scenario, what: str = "engine") -> tuple[float, float]:
    """Peak resident memory of a fresh Python process running ``s``, in MB.

    Parameters
    ----------
    s : Scenario
        The scenario (passed to the process as JSON).
    what : {"engine", "simulate"}
        The engine only, or the whole :func:`corridor_sim.simulate` (results tables too).

    Returns
    -------
    (float, float)
        Peak RSS after the imports and loading (interpreter, numpy, pandas, ...) and
        at the end of the run (Linux ``VmHWM``; ``ru_maxrss`` elsewhere).
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.json"
        path.write_text(json.dumps(document(s)))
        out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(path), what],
                             check=True, capture_output=True, text=True)
    before_kb, peak_kb = (int(x) for x in out.stdout.split())
    return before_kb / 1024.0, peak_kb / 1024.0
