"""``corridor-sim experiment``, ``sweep`` and ``compare``: many replications, summarised.

Thin callers of :mod:`corridor_sim.experiments`; heavy imports stay inside the
commands so that ``--help`` is fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from corridor_sim.cli.guard import EXIT_INTERRUPTED, fail, guarded

EXIT_REPLICATION_FAILED = 1

REPLICATIONS = typer.Option(30, "--replications", "-n", min=1, help="Replications per scenario.")
WORKERS = typer.Option(1, "--workers", "-w", min=1,
                       help="1: in this process; more: a local Dask cluster of N processes.")
SCHEDULER = typer.Option(None, "--scheduler", help="Existing Dask scheduler (tcp://host:port).")
SEED = typer.Option(None, "--seed", min=0, help="Root seed (default: run.seed).")
OUT = typer.Option(None, "--out", help="Output directory (default runs/<scenario>/<kind>-seed-S).")
RESUME = typer.Option(False, "--resume", help="Continue the experiment stored in --out.")
SET = typer.Option([], "--set", help="Override: dotted.path=value (repeatable).")
QUIET = typer.Option(False, "--quiet", "-q", help="No progress bar.")
NO_WRITE = typer.Option(False, "--no-write", help="Keep results in memory; write no files.")
ALL = typer.Option(False, "--all", help="Print every KPI, not only the headline ones.")


def _target(out: Path | None, no_write: bool, resume: bool, scenario: Path, kind: str,
            seed: int) -> Path | None:
    from corridor_sim.cli.outdirs import fresh_out, resume_out

    if no_write:
        if resume:
            raise fail("--resume needs stored replications; drop --no-write")
        return None
    if out is not None:
        return out
    if resume:
        chosen = resume_out(scenario, kind, seed)
        typer.echo(f"resuming {chosen}", err=True)
        return chosen
    return fresh_out(scenario, kind, seed)


@contextlib.contextmanager
def experiment_errors(out: Path | None) -> Iterator[None]:
    """Experiment errors → exit 2; a failed replication → exit 1; Ctrl-C → exit 130."""
    from corridor_sim.experiments import ExperimentError, ReplicationError

    try:
        yield
    except ExperimentError as exc:
        raise fail(str(exc)) from None
    except ReplicationError as exc:
        raise fail(str(exc), EXIT_REPLICATION_FAILED) from None
    except KeyboardInterrupt:
        where = (f"finished replications are stored in {out}; continue with --resume --out {out}"
                 if out is not None else "nothing was stored (--no-write)")
        typer.echo(f"interrupted: {where}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _console() -> Any:
    from rich.console import Console
    return Console() if sys.stdout.isatty() else Console(width=140)


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def _headline(label: str, meta: dict[str, Any], out: Path | None) -> str:
    where = f"; outputs: {out}" if out is not None else ""
    runner = meta["scheduler"] or f"{meta['workers']} worker{'s' if meta['workers'] > 1 else ''}"
    return (f"[bold]{label}[/bold]: {meta['replications']} replications, root seed "
            f"{meta['root_seed']} ({meta['computed']} computed, {meta['resumed']} resumed) "
            f"on {runner} in {meta['wall_s']:.1f} s{where}")


@guarded
def experiment(
    scenario: Path = typer.Argument(..., help="Scenario YAML file."),
    replications: int = REPLICATIONS, workers: int = WORKERS, scheduler: str | None = SCHEDULER,
    seed: int | None = SEED, out: Path | None = OUT, resume: bool = RESUME,
    set_: list[str] = SET, quiet: bool = QUIET, no_write: bool = NO_WRITE,
    all_kpis: bool = ALL,
) -> None:
    """Replicate a scenario: KPI means with 95 % intervals and P(target met)."""
    from corridor_sim.experiments import run_experiment
    from corridor_sim.experiments.report import summary_table, targets_table
    from corridor_sim.scenario import load_scenario

    s = load_scenario(scenario, overrides=set_)
    root = s.run.seed if seed is None else seed
    target = _target(out, no_write, resume, scenario, "experiment", root)
    with experiment_errors(target):
        r = run_experiment(s, replications, root, workers, scheduler, target, resume,
                           progress=_show_progress(quiet), label=scenario.stem)
    console = _console()
    console.print(_headline(scenario.stem, r.meta, target))
    if len(r.targets):
        console.print(targets_table(r))
    console.print(summary_table(r.summary, "KPIs (mean, 95 % t interval of the mean)",
                                all_kpis))


@guarded
def sweep(
    scenario: Path = typer.Argument(..., help="Scenario YAML file."),
    param: list[str] = typer.Option(..., "--param", "-p",
                                    help="dotted.path=v1,v2,... (repeatable)."),
    zipped: bool = typer.Option(False, "--zip", help="Pair the values of the parameters "
                                "(listed points) instead of the full factorial grid."),
    replications: int = REPLICATIONS, workers: int = WORKERS, scheduler: str | None = SCHEDULER,
    seed: int | None = SEED, out: Path | None = OUT, resume: bool = RESUME,
    set_: list[str] = SET, quiet: bool = QUIET, no_write: bool = NO_WRITE,
) -> None:
    """Replicate a scenario at every point of a parameter sweep (same seeds at every point)."""
    from corridor_sim.experiments import run_sweep
    from corridor_sim.experiments.report import sweep_table
    from corridor_sim.experiments.sweep import parse_param, scenario_document
    from corridor_sim.scenario.loader import validate_document

    params = dict(parse_param(p) for p in param)
    document, source = scenario_document(scenario, set_)
    root = validate_document(document, source).run.seed if seed is None else seed
    target = _target(out, no_write, resume, scenario, "sweep", root)
    with experiment_errors(target):
        r = run_sweep(scenario, params, zipped=zipped, replications=replications, seed=root,
                      workers=workers, scheduler=scheduler, out=target, resume=resume,
                      overrides=set_, progress=_show_progress(quiet))
    console = _console()
    meta = r.experiments[0].meta
    console.print(_headline(f"{scenario.stem} sweep of {len(r.experiments)} points",
                            {**meta, "computed": sum(e.meta["computed"] for e in r.experiments),
                             "resumed": sum(e.meta["resumed"] for e in r.experiments)}, target))
    console.print(sweep_table(r))


@guarded
def compare(
    scenarios: list[Path] = typer.Argument(..., help="Two or more scenario files; the first "
                                           "is the base."),
    replications: int = REPLICATIONS, workers: int = WORKERS, scheduler: str | None = SCHEDULER,
    seed: int | None = SEED, out: Path | None = OUT, resume: bool = RESUME,
    set_: list[str] = SET, quiet: bool = QUIET, no_write: bool = NO_WRITE,
    all_kpis: bool = ALL,
) -> None:
    """Compare scenarios on common random numbers: paired differences and a scenario diff."""
    from corridor_sim.experiments import compare_scenarios
    from corridor_sim.experiments.report import (
        comparison_targets_table,
        differences_table,
        scenario_diff_table,
    )
    from corridor_sim.scenario import load_scenario

    if len(scenarios) < 2:
        raise fail("compare needs at least two scenario files")
    loaded = [load_scenario(p, overrides=set_) for p in scenarios]
    root = loaded[0].run.seed if seed is None else seed
    stem = Path("-vs-".join(p.stem for p in scenarios))
    target = _target(out, no_write, resume, stem, "compare", root)
    with experiment_errors(target):
        r = compare_scenarios(loaded, replications, root, workers, scheduler, target, resume,
                              progress=_show_progress(quiet), labels=[p.stem for p in scenarios])
    console = _console()
    meta = r.experiments[0].meta
    console.print(_headline(", ".join(r.labels),
                            {**meta, "computed": sum(e.meta["computed"] for e in r.experiments),
                             "resumed": sum(e.meta["resumed"] for e in r.experiments)}, target))
    if len(r.targets):
        console.print(comparison_targets_table(r))
    console.print(differences_table(r, all_kpis))
    console.print(scenario_diff_table(r))
