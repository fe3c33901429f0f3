"""Turn expected failures into one clear message and an exit code (never a traceback)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``message`` to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def guarded(func: F) -> F:
    """Wrap a command: scenario errors exit 2, Ctrl-C exits 130, both with a message."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from corridor_sim import MissingFeatureError, OutputExistsError, ScenarioError
        try:
            return func(*args, **kwargs)
        except ScenarioError as exc:
            raise fail(exc.render()) from None
        except MissingFeatureError as exc:
            raise fail(str(exc)) from None
        except OutputExistsError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            typer.echo("interrupted: no partial output was written (an output directory "
                       "is either complete or absent)", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            raise fail(f"{exc.filename or ''}: {exc.strerror or exc}") from None
    return wrapper  # type: ignore[return-value]


def stdout_is_terminal() -> bool:
    """True when printing to a terminal."""
    return sys.stdout.isatty()
