"""The benchmark table: rows, targets, markdown, CSV and the scaling plot."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from benchmarks.common import EngineRun

COLUMNS = ("case", "param", "scenario", "engine_s", "events", "lots", "sim_years",
           "events_per_s", "lots_per_s", "years_per_s", "delivered_share")
LINEAR_TOLERANCE = 0.20


@dataclass
class Row:
    """One measured case."""

    case: str
    param: str
    scenario: str
    run: EngineRun

    def values(self) -> dict[str, Any]:
        """The row by column name."""
        r = self.run
        return {"case": self.case, "param": self.param, "scenario": self.scenario,
                "engine_s": r.engine_s, "events": r.events, "lots": r.lots,
                "sim_years": r.sim_years, "events_per_s": r.events_per_s,
                "lots_per_s": r.lots_per_s, "years_per_s": r.years_per_s,
                "delivered_share": r.delivered_share}


@dataclass
class Memory:
    """Peak memory of one run (MB): traced engine allocations; RSS of fresh processes."""

    run: str
    engine_traced_mb: float
    imports_rss_mb: float = float("nan")  # interpreter and libraries, scenario loaded
    engine_rss_mb: float = float("nan")  # ... and the engine run
    simulate_rss_mb: float = float("nan")  # ... or the whole simulate (results tables too)


@dataclass
class Check:
    """A target, what was measured, and whether it is met."""

    name: str
    target: str
    measured: str
    met: bool


def _of(rows: Sequence[Row], case: str) -> list[Row]:
    return [r for r in rows if r.case == case]


def linearity(costs: Sequence[float]) -> float:
    """Largest relative deviation of per-unit costs from the first (0 = perfectly linear)."""
    return max(abs(c / costs[0] - 1.0) for c in costs) if costs else 0.0


def targets(rows: Sequence[Row], extra: dict[str, Any]) -> list[Check]:
    """The targets of the benchmark issues (#14 and before), read from the measurements
    (never asserted)."""
    head = rows[0]
    horizon = [r.run.engine_s / r.run.sim_years for r in _of(rows, "horizon")]
    volume = [r.run.engine_s / float(r.param.rstrip("x")) for r in _of(rows, "volume")]
    same = extra["ratio_to_bare_same_concurrency"]
    checks = [
        Check(f"simulated years/s, {head.scenario}, whole simulate", ">= 5",
              f"{extra['simulate_years_per_s']:.2f} (engine alone {head.run.years_per_s:.2f})",
              extra["simulate_years_per_s"] >= 5.0),
        Check("events/s ÷ bare SimPy loop at the same concurrency", ">= 0.40",
              f"{same:.2f} ({extra['model_concurrency']} pending events)", same >= 0.40),
        Check("cost per simulated year across horizons", "within ±20 %",
              f"max dev {linearity(horizon):.0%}", linearity(horizon) <= LINEAR_TOLERANCE),
        Check("cost per unit of volume across volumes", "within ±20 %",
              f"max dev {linearity(volume):.0%}", linearity(volume) <= LINEAR_TOLERANCE),
    ]
    for m in extra["memory"]:
        if math.isnan(m.engine_rss_mb):
            checks.append(Check(f"peak memory, {m.run}, engine (traced)", "reported",
                                f"{m.engine_traced_mb:.0f} MB", True))
            continue
        ratio = m.simulate_rss_mb / m.engine_rss_mb
        checks += [
            Check(f"peak memory, {m.run}, whole simulate ÷ engine (RSS)", "<= 2",
                  f"{ratio:.2f} ({m.simulate_rss_mb:.0f} / {m.engine_rss_mb:.0f} MB)", ratio <= 2.0),
            Check(f"peak memory, {m.run}, whole simulate (RSS)", "< 1 GB (1024 MB)",
                  f"{m.simulate_rss_mb:.0f} MB", m.simulate_rss_mb < 1024.0),
        ]
    if "main_job_wall_ratio" in extra:
        checks += [
            Check("main job (corridor-sim run varna) ÷ its simulate, wall", "<= 2",
                  f"{extra['main_job_wall_ratio']:.2f} (CPU {extra['main_job_cpu_ratio']:.2f})",
                  extra["main_job_wall_ratio"] <= 2.0),
            Check("main job output, varna", "<= 15 MB", f"{extra['main_job_output_mb']:.1f} MB",
                  extra["main_job_output_mb"] <= 15.0),
        ]
    for key, name in (("mmc", "M/M/c"), ("tandem", "tandem with blocking")):
        if f"ciw_{key}_ratio" in extra:
            r = extra[f"ciw_{key}_ratio"]
            agree = "answers agree" if extra[f"ciw_{key}_agree"] else "ANSWERS DIFFER"
            checks.append(Check(f"lots/s ÷ Ciw, {name} (engine)", ">= 2",
                                f"{r:.2f} (whole simulate {extra[f'ciw_{key}_simulate_ratio']:.2f}; "
                                f"{agree})", r >= 2.0))
    checks.append(Check("corridor-sim --help", "< 0.5 s", f"{extra['help_s_min']:.2f} s (min)",
                        extra["help_s_min"] < 0.5))
    return checks


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def markdown(rows: Sequence[Row], extra: dict[str, Any], checks: Sequence[Check]) -> str:
    """The table, the extra figures and the targets as markdown."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_fmt(r.values()[c]) for c in COLUMNS) + " |" for r in rows]
    lines += ["", "| figure | value |", "|---|---|"]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in extra.items() if k != "memory"]
    names = [f.name for f in fields(Memory)]
    lines += ["", "| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    lines += ["| " + " | ".join(_fmt(getattr(m, n)) for n in names) + " |" for m in extra["memory"]]
    lines += ["", "| target | wanted | measured | met |", "|---|---|---|---|"]
    lines += [f"| {c.name} | {c.target} | {c.measured} | {'yes' if c.met else 'no'} |"
              for c in checks]
    return "\n".join(lines)


def write_outputs(out: Path, rows: Sequence[Row], extra: dict[str, Any],
                  checks: Sequence[Check]) -> list[Path]:
    """Write ``bench.csv``, ``bench.md`` and ``scaling.png`` to ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "bench.csv", out / "bench.md", out / "scaling.png"]
    with paths[0].open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(r.values() for r in rows)
    paths[1].write_text(markdown(rows, extra, checks) + "\n")
    plot_scaling(rows, paths[2])
    return paths


def plot_scaling(rows: Sequence[Row], path: Path) -> None:
    """Engine time against horizon and volume (with the linear line), events/s against size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), constrained_layout=True)
    panels = [("horizon", "simulated years", lambda r: r.run.sim_years),
              ("volume", "demand factor", lambda r: float(r.param.rstrip("x")))]
    for ax, (case, xlabel, x_of) in zip(axes[:2], panels):
        sel = _of(rows, case)
        xs, ys = [x_of(r) for r in sel], [r.run.engine_s for r in sel]
        ax.plot(xs, ys, "o-", label="measured")
        if xs:
            ax.plot([0, max(xs)], [0, ys[0] / xs[0] * max(xs)], "--", color="grey",
                    label="linear from the smallest")
        ax.set(xlabel=xlabel, ylabel="engine CPU s", title=f"cost vs {case}")
        ax.legend()
    sel = _of(rows, "network")
    axes[2].plot([int(r.param.split()[0]) for r in sel], [r.run.events_per_s for r in sel], "o-")
    axes[2].set(xscale="log", xlabel="nodes (synthetic corridor)", ylabel="events / CPU s",
                title="events/s vs network size", ylim=(0, None))
    fig.savefig(path, dpi=110)
    plt.close(fig)
