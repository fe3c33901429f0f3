"""Scenario arguments: a file path, or ``package:scenarios/NAME.yaml`` for the shipped library.

After a plain (non-editable) ``pip install`` the repository's ``scenarios/`` is not
on disk, but the same files ship inside the package; ``package:`` names them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Annotated

import typer

PREFIX = "package:"


def shipped(name: str) -> Path:
    """The installed file ``corridor_sim/data/<name>`` (``scenarios/varna.yaml``, ``network.yaml``)."""
    rel = PurePosixPath(name)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise typer.BadParameter(f"{PREFIX}{name}: a name inside the package, such as "
                                 f"{PREFIX}scenarios/varna.yaml")
    path = Path(str(resources.files("corridor_sim") / "data" / str(rel)))
    checkout = Path(__file__).resolve().parents[2] / rel  # a source checkout: scenarios/ at the root
    if not path.exists() and rel.parts[0] == "scenarios" and checkout.exists():
        path = checkout
    if not path.exists():
        names = sorted(p.name for p in Path(str(resources.files("corridor_sim") / "data"
                                                     / "scenarios")).glob("*.yaml"))
        raise typer.BadParameter(f"{PREFIX}{name} is not shipped; shipped scenarios: "
                                 f"{', '.join(f'{PREFIX}scenarios/{n}' for n in names) or 'none'}")
    return path


def scenario_path(value: Path | None) -> Path | None:
    """Typer callback: resolve ``package:...``; other paths are returned as given."""
    if value is None or not str(value).startswith(PREFIX):
        return value
    return shipped(str(value)[len(PREFIX):])


def scenario_paths(values: list[Path] | None) -> list[Path] | None:
    """Typer callback for a list of scenario arguments."""
    return None if values is None else [p for v in values if (p := scenario_path(v)) is not None]


ScenarioArg = Annotated[Path, typer.Argument(
    help="Scenario YAML file (or package:scenarios/NAME.yaml, shipped).", callback=scenario_path)]
