"""A progress bar for long experiments: replications done, rate and time left (rich)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Advance = Callable[[], None]


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


@contextlib.contextmanager
def progress_bar(total: int, done: int = 0, enabled: bool = True,
                 description: str = "replications",
                 console: Console | None = None) -> Iterator[Advance]:
    """Show a bar of ``total`` replications (``done`` already finished) on stderr.

    Yields
    ------
    callable
        Call it once per finished replication. When ``enabled`` is false nothing
        is shown and the callable does nothing.
    """
    if not enabled:
        yield lambda: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console or Console(stderr=True)) as bar:
        task = bar.add_task(description, total=total, completed=done)
        yield lambda: bar.advance(task)
