"""Progress of long experiments as a callback: replications done out of the total.

The computation only reports; the terminal bar (rate, elapsed time, ETA) is the command
line's (``corridor_sim/cli/progress.py: replication_bar``).
"""

from __future__ import annotations

from collections.abc import Callable

OnProgress = Callable[[int, int], None]
"""Called with ``(done, total)``: once before the first new piece of work (``done`` counts
what was resumed), then after each one."""

Advance = Callable[[], None]


def checked(on_progress: object) -> OnProgress | None:
    """``on_progress`` if it is a callback, None for None or False (the former flag's off).

    Raises
    ------
    TypeError
        If it is something else (``progress=True`` asked for the bar that only the
        command line draws).
    """
    if on_progress is None or on_progress is False:
        return None
    if not callable(on_progress):
        raise TypeError("progress takes a callback (done, total), not "
                        f"{on_progress!r}; the terminal bar is the command line's")
    return on_progress


def counter(total: int, done: int = 0, on_progress: OnProgress | None = None) -> Advance:
    """Report ``(done, total)`` to ``on_progress`` now; the callable returned reports one more
    (:func:`checked` first: raises TypeError for a non-callable)."""
    report = checked(on_progress)
    if report is None:
        return lambda: None
    count = [done]
    report(done, total)

    def advance() -> None:
        count[0] += 1
        report(count[0], total)
    return advance
