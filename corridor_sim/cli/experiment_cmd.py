"""``corridor-sim experiment``, ``sweep`` and ``compare``: many replications, summarised.

Thin callers of :mod:`corridor_sim.experiments`; heavy imports stay inside the
commands so that ``--help`` is fast.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from corridor_sim.cli.guard import EXIT_INTERRUPTED, fail, guarded
from corridor_sim.cli.paths import ScenarioArg, scenario_paths

EXIT_REPLICATION_FAILED = 1

Replications = Annotated[int, typer.Option("--replications", "-n", min=1,
                                           help="Replications per scenario.")]
Workers = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, help="1: in this process; more: a local Dask cluster of N "
    "processes (default: chosen for this machine, the reason printed).")]
Scheduler = Annotated[str | None, typer.Option("--scheduler",
                                               help="Existing Dask scheduler (tcp://host:port).")]
Seed = Annotated[int | None, typer.Option("--seed", min=0, help="Root seed (default: run.seed).")]
Out = Annotated[Path | None, typer.Option(
    "--out", help="Output directory (default runs/<scenario>/<kind>-seed-S).")]
Resume = Annotated[bool, typer.Option(
    "--resume", help="Continue an interrupted experiment: the one in --out, or without --out "
    "the interrupted default directory.")]
Sets = Annotated[list[str] | None, typer.Option("--set",
                                                help="Override: dotted.path=value (repeatable).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
NoWrite = Annotated[bool, typer.Option("--no-write", help="Keep results in memory; write no files.")]
All = Annotated[bool, typer.Option("--all", help="Print every KPI, not only the headline ones.")]


def _workers(workers: int | None, scheduler: str | None, tasks: int) -> int:
    """The --workers given, or the count chosen for this machine (reason on stderr)."""
    if workers is not None or scheduler is not None:
        return workers or 1
    from corridor_sim import auto_workers

    chosen, reason = auto_workers(tasks)
    typer.echo(f"workers: {reason}", err=True)
    return chosen


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
    from corridor_sim import ExperimentError, ReplicationError

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
    import os

    from rich.console import Console

    # a terminal's width (or $COLUMNS); piped to a file without $COLUMNS, 140; tables wrap to fit
    wide = sys.stdout.isatty() or "COLUMNS" in os.environ
    return Console(highlight=False) if wide else Console(width=140, highlight=False)


def _bar(quiet: bool) -> contextlib.AbstractContextManager[Callable[[int, int], None] | None]:
    """The bar of replications on a terminal (None when quiet or piped)."""
    from corridor_sim.cli.progress import replication_bar

    return replication_bar(enabled=not quiet and sys.stderr.isatty())


def _points(params: dict[str, list[Any]], zipped: bool) -> int:
    from corridor_sim import sweep_points
    return len(sweep_points(params, zipped))


def _headline(label: str, meta: dict[str, Any], out: Path | None) -> str:
    from rich.markup import escape

    where = f"; outputs: {escape(str(out))}" if out is not None else ""
    runner = meta["scheduler"] or f"{meta['workers']} worker{'s' if meta['workers'] > 1 else ''}"
    return (f"[bold]{escape(label)}[/bold]: {meta['replications']} replications, root seed "
            f"{meta['root_seed']} ({meta['computed']} computed, {meta['resumed']} resumed) "
            f"on {runner} in {meta['wall_s']:.1f} s{where}")


@guarded
def experiment(
    scenario: ScenarioArg,
    replications: Replications = 30, workers: Workers = None, scheduler: Scheduler = None,
    seed: Seed = None, out: Out = None, resume: Resume = False, set_: Sets = None,
    quiet: Quiet = False, no_write: NoWrite = False, all_kpis: All = False,
    parameter_uncertainty: Annotated[bool, typer.Option(
        "--parameter-uncertainty", help="Draw the calibrated parameters per replication "
        "from their fitted distribution (seeded from the replication's seed): P(target) then "
        "includes the parameter uncertainty.")] = False,
) -> None:
    """Replicate a scenario: KPI means with 95 % intervals and P(target met)."""
    from corridor_sim import load, load_distribution, run_experiment
    from corridor_sim.cli.experiment_text import summary_table, targets_table

    s = load(scenario, overrides=set_)
    root = s.run.seed if seed is None else seed
    draws = load_distribution() if parameter_uncertainty else None
    target = _target(out, no_write, resume, scenario, "experiment", root)
    with experiment_errors(target), _bar(quiet) as bar:
        r = run_experiment(s, replications, root, _workers(workers, scheduler, replications),
                           scheduler, target, resume,
                           progress=bar, label=scenario.stem,
                           parameter_uncertainty=draws)
    console = _console()
    console.print(_headline(scenario.stem, r.meta, target))
    if len(r.targets):
        console.print(targets_table(r))
    console.print(summary_table(r.summary, "KPIs (mean, 95 % t interval of the mean)",
                                all_kpis))


@guarded
def sweep(
    scenario: ScenarioArg,
    param: Annotated[list[str], typer.Option("--param", "-p",
                                             help="dotted.path=v1,v2,... (repeatable).")],
    zipped: Annotated[bool, typer.Option("--zip", help="Pair the values of the parameters "
                                         "(listed points) instead of the full factorial grid.")
                      ] = False,
    replications: Replications = 30, workers: Workers = None, scheduler: Scheduler = None,
    seed: Seed = None, out: Out = None, resume: Resume = False, set_: Sets = None,
    quiet: Quiet = False, no_write: NoWrite = False,
) -> None:
    """Replicate a scenario at every point of a parameter sweep (same seeds at every point)."""
    from corridor_sim import load, parse_param
    from corridor_sim import sweep as run_sweep
    from corridor_sim.cli.experiment_text import sweep_table

    params = dict(parse_param(p) for p in param)
    root = load(scenario, overrides=set_).run.seed if seed is None else seed
    target = _target(out, no_write, resume, scenario, "sweep", root)
    with experiment_errors(target), _bar(quiet) as bar:
        r = run_sweep(scenario, params, zipped=zipped, replications=replications, seed=root,
                      workers=_workers(workers, scheduler, replications * _points(params, zipped)),
                      scheduler=scheduler, out=target, resume=resume,
                      overrides=set_, progress=bar)
    console = _console()
    meta = r.experiments[0].meta
    console.print(_headline(f"{scenario.stem} sweep of {len(r.experiments)} points",
                            {**meta, "computed": sum(e.meta["computed"] for e in r.experiments),
                             "resumed": sum(e.meta["resumed"] for e in r.experiments)}, target))
    console.print(sweep_table(r))


@guarded
def compare(
    scenarios: Annotated[list[Path], typer.Argument(
        help="Two or more scenario files; the first is the base.", callback=scenario_paths)],
    replications: Replications = 30, workers: Workers = None, scheduler: Scheduler = None,
    seed: Seed = None, out: Out = None, resume: Resume = False, set_: Sets = None,
    quiet: Quiet = False, no_write: NoWrite = False, all_kpis: All = False,
) -> None:
    """Compare scenarios on common random numbers: paired differences and a scenario diff."""
    from corridor_sim import compare as compare_scenarios
    from corridor_sim import load
    from corridor_sim.cli.experiment_text import (
        comparison_targets_table,
        differences_table,
        scenario_diff_table,
    )

    if len(scenarios) < 2:
        raise fail("compare needs at least two scenario files")
    loaded = [load(p, overrides=set_) for p in scenarios]
    root = loaded[0].run.seed if seed is None else seed
    stem = Path("-vs-".join(p.stem for p in scenarios))
    target = _target(out, no_write, resume, stem, "compare", root)
    with experiment_errors(target), _bar(quiet) as bar:
        r = compare_scenarios(loaded, replications, root,
                              _workers(workers, scheduler, replications * len(loaded)),
                              scheduler, target, resume,
                              progress=bar, labels=[p.stem for p in scenarios])
    console = _console()
    meta = r.experiments[0].meta
    console.print(_headline(", ".join(r.labels),
                            {**meta, "computed": sum(e.meta["computed"] for e in r.experiments),
                             "resumed": sum(e.meta["resumed"] for e in r.experiments)}, target))
    if len(r.targets):
        console.print(comparison_targets_table(r))
    console.print(differences_table(r, all_kpis))
    console.print(scenario_diff_table(r, everything=all_kpis))
