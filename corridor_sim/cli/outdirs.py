"""Default output directories of experiments, sweeps and comparisons, and what ``--resume`` picks.

A fresh run never reuses a directory: ``runs/<stem>/<kind>-seed-S``, then ``-1``,
``-2``... ``--resume`` without ``--out`` continues the one of those that was
interrupted (no final table yet); it refuses, saying why, when there is none or
more than one.
"""

from __future__ import annotations

from pathlib import Path

from corridor_sim.cli.guard import fail

# the file each kind writes last, when every replication is done
FINAL_TABLES = ("summary.csv", "differences.csv")


def candidates(scenario: Path, kind: str, seed: int) -> list[Path]:
    """The existing default directories of this scenario, kind and seed, oldest first."""
    base = Path("runs") / scenario.stem / f"{kind}-seed-{seed}"
    found, k = [], 1
    candidate = base
    while candidate.exists():
        found.append(candidate)
        candidate = base.with_name(f"{base.name}-{k}")
        k += 1
    return found


def fresh_out(scenario: Path, kind: str, seed: int) -> Path:
    """``runs/<stem>/<kind>-seed-<S>`` or the first free ``-N`` suffix."""
    base = Path("runs") / scenario.stem / f"{kind}-seed-{seed}"
    taken = candidates(scenario, kind, seed)
    return base if not taken else base.with_name(f"{base.name}-{len(taken)}")


def finished(out: Path) -> bool:
    """True when the experiment stored in ``out`` completed (its final table is there)."""
    return any((out / name).exists() for name in FINAL_TABLES)


def resume_out(scenario: Path, kind: str, seed: int) -> Path:
    """The one interrupted default directory to resume (or exit 2 with the reason)."""
    found = candidates(scenario, kind, seed)
    if not found:
        base = Path("runs") / scenario.stem / f"{kind}-seed-{seed}"
        raise fail(f"nothing to resume: {base} does not exist; start without --resume")
    interrupted = [d for d in found if not finished(d)]
    if not interrupted:
        raise fail(f"nothing to resume: {', '.join(map(str, found))} "
                   f"{'is' if len(found) == 1 else 'are'} complete; start without --resume for "
                   "a new experiment, or name one with --resume --out DIR")
    if len(interrupted) > 1:
        raise fail(f"{len(interrupted)} interrupted experiments: {', '.join(map(str, interrupted))}; "
                   "choose one with --resume --out DIR")
    return interrupted[0]
