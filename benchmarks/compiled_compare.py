"""The mypyc-compiled engine against the pure-Python one, figure by figure.

Needs the compiled modules built in place (``python -m benchmarks.build_compiled``).
Each side runs in a fresh process of its own (an imported module cannot be swapped
within one): the pure side imports ``corridor_sim.engine`` from its ``.py`` files even
though the extension modules sit next to them (:class:`SourceOnly`). Within each
process the machine-independent ratios are measured side by side, as
``benchmarks/run.py`` does: the engine's events/s ÷ a bare SimPy loop at the model's
concurrency, and corridor-sim's lots/s ÷ Ciw's on the networks of
:mod:`benchmarks.ciw_compare`. Also the CPU seconds of the engine and of the whole
``simulate`` of target_2025 (best of ``--repeat``)::

    python -m benchmarks.compiled_compare [--repeat 3] [--reps 3] [--rounds 1]

``--rounds 2`` runs pure, compiled, pure, compiled and keeps each side's best.
"""

from __future__ import annotations

import argparse
import importlib.abc
import importlib.machinery
import importlib.util
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: figures where less is better (the others: more is better)
LOWER_IS_BETTER = ("engine_s", "simulate_s")


class SourceOnly(importlib.abc.MetaPathFinder):
    """Import the engine's modules from their ``.py`` files, never from a compiled extension."""

    def find_spec(self, name: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        """The spec of ``<leaf>.py`` in the package's folders, for engine modules only."""
        if not name.startswith("corridor_sim.engine.") or path is None:
            return None
        leaf = name.rpartition(".")[2]
        for folder in path:
            source = Path(folder) / f"{leaf}.py"
            if source.is_file():
                return importlib.util.spec_from_file_location(name, source)
        return None  # a package (its __init__.py is never compiled)


def figures(repeat: int, reps: int) -> dict[str, Any]:
    """Every figure of this process's engine (the caller chose which is imported)."""
    from benchmarks import ciw_compare, common
    from corridor_sim.engine import compiled

    s = common.target_2025()
    engine = common.measure_engine(s, repeat=repeat)
    simulate_s = common.measure_simulate_s(s, repeat=repeat)
    concurrency = common.model_concurrency(s)
    bare = common.bare_simpy_events_per_s(engine.events, n_processes=concurrency, repeat=repeat)
    out: dict[str, Any] = {
        "compiled": compiled(), "engine_s": engine.engine_s, "events": engine.events,
        "events_per_s": engine.events_per_s, "ratio_to_bare_same_concurrency": engine.events_per_s / bare,
        "simulate_s": simulate_s, "simulate_years_per_s": engine.sim_years / simulate_s,
    }
    for key, net in (("mmc", ciw_compare.MMC), ("tandem", ciw_compare.TANDEM)):
        c = ciw_compare.compare(net, reps)
        out.update({f"ciw_{key}_ratio": c.ratio, f"ciw_{key}_simulate_ratio": c.simulate_ratio,
                    f"ciw_{key}_agree": c.agree})
    return out


def child(pure: bool, repeat: int, reps: int) -> int:
    """Measure one side and print its figures as one JSON line."""
    if pure:
        sys.meta_path.insert(0, SourceOnly())
    sys.path.insert(0, str(ROOT))
    out = figures(repeat, reps)
    if out["compiled"] == pure:
        print(f"expected the {'pure' if pure else 'compiled'} engine, got the other", file=sys.stderr)
        return 1
    print(json.dumps(out))
    return 0


def side(pure: bool, repeat: int, reps: int) -> dict[str, Any]:
    """Run one side in a fresh process and return its figures."""
    cmd = [sys.executable, "-m", "benchmarks.compiled_compare", "--child", "pure" if pure else "compiled",
           "--repeat", str(repeat), "--reps", str(reps)]
    done = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's best over ``runs`` (fewest seconds, highest rates)."""
    out = dict(runs[0])
    for k, v in out.items():
        if isinstance(v, float):
            values = [r[k] for r in runs]
            out[k] = min(values) if k in LOWER_IS_BETTER else max(values)
    return out


def markdown(pure: dict[str, Any], fast: dict[str, Any]) -> str:
    """The two sides and compiled ÷ pure (a speed-up: > 1 is faster compiled)."""
    lines = ["| figure | pure Python | compiled (mypyc) | speed-up |", "|---|---|---|---|"]
    for k, v in pure.items():
        if not isinstance(v, float):
            continue
        gain = v / fast[k] if k in LOWER_IS_BETTER else fast[k] / v
        lines.append(f"| {k} | {v:.4g} | {fast[k]:.4g} | {gain:.2f}× |")
    agree = all(bool(r[f"ciw_{n}_agree"]) for r in (pure, fast) for n in ("mmc", "tandem"))
    lines.append(f"\nevents: {pure['events']} pure, {fast['events']} compiled; "
                 f"answers agree with Ciw's: {'yes' if agree else 'no'}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="compiled (mypyc) vs pure-Python engine")
    parser.add_argument("--repeat", type=int, default=3, help="runs per engine figure (best kept)")
    parser.add_argument("--reps", type=int, default=3, help="replications per Ciw network")
    parser.add_argument("--rounds", type=int, default=1, help="pure/compiled pairs (best kept)")
    parser.add_argument("--child", choices=("pure", "compiled"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child(args.child == "pure", args.repeat, args.reps)
    from benchmarks.build_compiled import artefacts

    if not artefacts():
        print("no compiled engine: build it first with python -m benchmarks.build_compiled",
              file=sys.stderr)
        return 2
    pure: list[dict[str, Any]] = []
    fast: list[dict[str, Any]] = []
    for _ in range(max(1, args.rounds)):
        pure.append(side(True, args.repeat, args.reps))
        fast.append(side(False, args.repeat, args.reps))
    print(markdown(best(pure), best(fast)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
