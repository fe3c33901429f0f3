"""Progress of one long piece of work in the terminal: a bar with elapsed time and ETA.

Used by ``run`` (simulating, then writing) and ``report`` (one bar over its runs);
:func:`replication_bar` draws the bar of ``experiment``, ``sweep``, ``compare`` and
``calibrate`` from the ``(done, total)`` callback of the computation. Nothing is shown
when stderr is not a terminal (pipes, CI, CliRunner) unless a console is given.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class CountColumn(ProgressColumn):
    """``12/365 days``: what is done of the phase, in its unit (nothing if unknown)."""

    def render(self, task: Task) -> Text:
        """The count as text."""
        if task.total is None:
            return Text("")
        unit = task.fields.get("unit", "")
        return Text(f"{task.completed:,.0f}/{task.total:,.0f} {unit}".rstrip(),
                    style="progress.download")


class RateColumn(ProgressColumn):
    """Replications per second (or per minute when slower than one a second)."""

    def render(self, task: Task) -> Text:
        """The rate as text."""
        speed = task.speed
        if speed is None:
            return Text("– rep/s", style="progress.data.speed")
        if speed < 1.0:
            return Text(f"{speed * 60:.1f} rep/min", style="progress.data.speed")
        return Text(f"{speed:.1f} rep/s", style="progress.data.speed")


@dataclass
class Steps:
    """Handle on a bar: move it (``update``), or start a new phase (``phase``)."""

    bar: Progress | None
    task: TaskID | None

    def update(self, completed: float, total: float | None = None) -> None:
        """Set how much of the phase is done (in the phase's own unit)."""
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=completed, total=total)

    def advance(self, amount: float = 1.0) -> None:
        """Add ``amount`` to what is done."""
        if self.bar is not None and self.task is not None:
            self.bar.advance(self.task, amount)

    def phase(self, description: str, total: float | None = None, unit: str = "") -> None:
        """Finish the current phase and show a new one (``total`` None: a pulse, elapsed time)."""
        if self.bar is not None:
            if self.task is not None:
                self.bar.stop_task(self.task)
                self.bar.update(self.task, visible=False)
            self.task = self.bar.add_task(description, total=total, unit=unit)

    @property
    def sim_days(self) -> Callable[[float, float], None]:
        """A callback for :func:`corridor_sim.simulate`: simulated hours → days done."""
        return lambda now_h, horizon_h: self.update(now_h / 24.0, horizon_h / 24.0)


def enabled_by_default(quiet: bool = False) -> bool:
    """Show progress only on a terminal, and not when asked to be quiet."""
    return not quiet and sys.stderr.isatty()


@contextlib.contextmanager
def progress(description: str, total: float | None, enabled: bool = True, unit: str = "",
             console: Console | None = None) -> Iterator[Steps]:
    """A progress bar on stderr: what is done, elapsed time, ETA; removed when done.

    Parameters
    ----------
    description : str
        The first phase ("simulating 365 days").
    total : float or None
        Size of the first phase in ``unit`` (None: unknown, a pulse and elapsed time).
    enabled : bool
        When false nothing is shown and the handle does nothing.
    unit : str
        Shown after the counts ("days", "runs", "evaluations").
    """
    if not enabled:
        yield Steps(None, None)
        return
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), CountColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True), transient=True) as bar:
        yield Steps(bar, bar.add_task(description, total=total, unit=unit))


@contextlib.contextmanager
def replication_bar(description: str = "replications", enabled: bool = True,
                    console: Console | None = None) -> Iterator[Callable[[int, int], None] | None]:
    """A bar of replications (done/total, rate, elapsed time, ETA) on stderr, kept when done.

    Yields
    ------
    callable or None
        The ``progress`` callback of :func:`corridor_sim.run_experiment`, ``sweep``,
        ``compare`` and ``calibrate``: ``(done, total)``; the bar appears at its first
        call. None when ``enabled`` is false (nothing is shown).
    """
    if not enabled:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    bar = Progress(*columns, console=console or Console(stderr=True))
    tasks: list[TaskID] = []

    def show(done: int, total: int) -> None:
        if not tasks:
            bar.start()
            tasks.append(bar.add_task(description, total=total, completed=done))
        else:
            bar.update(tasks[0], completed=done, total=total)
    try:
        yield show
    finally:
        if tasks:
            bar.stop()
