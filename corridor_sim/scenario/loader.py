"""Load scenario files: YAML, ``extends:`` with deep merge, ``--set`` overrides, validation."""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from corridor_sim.io.safe_read import UnsafeInputError, read_regular_file
from corridor_sim.scenario.errors import Problem, ScenarioError, ScenarioWarning, suggest
from corridor_sim.scenario.extends_policy import ExtendsPolicy
from corridor_sim.scenario.feasibility import check_feasibility
from corridor_sim.scenario.fields import fields_at, format_validation_error
from corridor_sim.scenario.references import check_references
from corridor_sim.scenario.sanity import check_sanity, sanity_warnings
from corridor_sim.scenario.schema import Scenario
from corridor_sim.scenario.text_rules import check_text
from corridor_sim.scenario.timeline import step
from corridor_sim.scenario.yaml_reader import (
    DuplicateKeyError,
    UniqueKeyLoader,
    load_value,
    safe_load_unique,
)

__all__ = ["DuplicateKeyError", "UniqueKeyLoader", "load_scenario", "read_yaml",
           "resolve_document", "safe_load_unique", "scenario_from_dict", "validate_document"]

PACKAGE_PREFIX = "package:"
PACKAGE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
MAX_EXTENDS_DEPTH = 32


def load_scenario(
    path: str | Path, overrides: Sequence[str] | Mapping[str, Any] | None = None,
    extends_dirs: Sequence[str | Path] = (),
) -> Scenario:
    """Read, merge, override and validate a scenario file.

    Parameters
    ----------
    path : str or Path
        The scenario YAML file.
    overrides : sequence of "dotted.path=value" strings, or a mapping of path to value
        Applied after ``extends`` is resolved; values in strings are parsed as YAML.
    extends_dirs : sequence of paths
        Folders besides the scenario's own that ``extends`` may read from (also
        ``CORRIDOR_SIM_EXTENDS_PATH``, folders separated by ``os.pathsep``).

    Returns
    -------
    Scenario
        The validated scenario.

    Raises
    ------
    ScenarioError
        Naming the file, each bad field path and a suggestion.
    """
    source = str(path)
    document = resolve_document(Path(path), policy=ExtendsPolicy.for_scenario(Path(path),
                                                                             extends_dirs))
    if overrides:
        document = apply_overrides(document, overrides, source)
    return validate_document(document, source)


def scenario_from_dict(document: Mapping[str, Any], source: str = "<dict>") -> Scenario:
    """Validate an already merged scenario mapping (no ``extends``)."""
    return validate_document(dict(document), source)


def validate_document(document: dict[str, Any], source: str) -> Scenario:
    """Validate a merged document against the schema and its cross references."""
    text_problems = check_text(document)
    if text_problems:
        raise ScenarioError(source, text_problems)
    try:
        scenario = Scenario.model_validate(document)
    except ValidationError as exc:
        raise ScenarioError(source, format_validation_error(exc)) from None
    problems = check_references(scenario) or check_sanity(scenario) or check_feasibility(scenario)
    if problems:
        raise ScenarioError(source, problems)
    for warning in sanity_warnings(scenario):
        warnings.warn_explicit(warning.render(), ScenarioWarning, source, 0)
    return scenario


def resolve_document(path: Path, _chain: tuple[Path, ...] = (),
                     policy: ExtendsPolicy | None = None) -> dict[str, Any]:
    """Read ``path`` and merge it over everything it ``extends`` (recursively).

    ``policy`` says which folders ``extends`` may read (default: the folder of the
    first file and those the user allowed, see :class:`ExtendsPolicy`).
    """
    policy = policy or ExtendsPolicy.for_scenario(path)
    real = _resolve_path(path)
    if real in _chain:
        cycle = " -> ".join(str(p) for p in (*_chain, real))
        raise ScenarioError(str(path), [Problem("extends", f"extends cycle: {cycle}",
                                                "remove one of the extends")])
    if len(_chain) > MAX_EXTENDS_DEPTH:
        raise ScenarioError(str(path), [Problem("extends", "extends chain too deep")])
    document = read_yaml(real, str(path))
    parents = document.pop("extends", None)
    if parents is None:
        return document
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list) or not all(isinstance(p, str) for p in parents):
        raise ScenarioError(str(path), [Problem("extends", "extends must be a file name or a list of them")])
    merged: dict[str, Any] = {}
    for parent in parents:
        parent_path = _parent_path(parent, real)
        problem = policy.problem(parent, parent_path)
        if problem is not None:
            raise ScenarioError(str(path), [problem])
        if not os.path.lexists(parent_path):  # a symlink loop exists; read_yaml names it
            raise ScenarioError(str(path), [Problem(
                "extends", f"file not found: {parent}",
                "extends takes a path relative to this file, or package:network")])
        merged = deep_merge(merged, resolve_document(parent_path, (*_chain, real), policy))
    return deep_merge(merged, document)


def _resolve_path(path: Path) -> Path:
    try:
        return path.resolve() if path.exists() else path
    except (OSError, RuntimeError):  # a symlink loop: read_yaml names it
        return path


def _parent_path(name: str, child: Path) -> Path:
    if name.startswith(PACKAGE_PREFIX):
        stem = name[len(PACKAGE_PREFIX):]
        if not PACKAGE_NAME.fullmatch(stem) or ".." in stem:
            raise ScenarioError(str(child), [Problem(
                "extends", f"'{name}' is not a packaged scenario name",
                "package:NAME takes a plain name such as package:network (no paths)")])
        return Path(str(resources.files("corridor_sim") / "data" / f"{stem}.yaml"))
    joined = child.parent / name
    try:
        return joined.resolve()
    except (OSError, RuntimeError):
        return joined


def read_yaml(path: Path, source: str) -> dict[str, Any]:
    """Read one YAML mapping safely, with clear errors.

    Only a regular file of at most :data:`~corridor_sim.io.safe_read.MAX_INPUT_BYTES` is
    read (a FIFO, a device or a huge file is refused before it is read); nothing of the
    file's content is quoted in the errors about reading it.
    """
    try:
        text = read_regular_file(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(source, [Problem(
            "", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8")]) from None
    except UnsafeInputError as exc:
        raise ScenarioError(source, [Problem("", f"cannot read: the file {exc}",
                                             "give a scenario YAML file")]) from None
    except FileNotFoundError:
        raise ScenarioError(source, [Problem("", "file not found", "check the path")]) from None
    except OSError as exc:
        reason = "a symlink loop" if exc.errno == errno.ELOOP else exc.strerror
        raise ScenarioError(source, [Problem("", f"cannot read: {reason}")]) from None
    try:
        data = safe_load_unique(text)
    except DuplicateKeyError as exc:
        raise ScenarioError(source, [Problem(exc.path, f"duplicate key (line {exc.line})",
                                             "each name may appear only once in a mapping")]) from None
    except RecursionError:
        raise ScenarioError(source, [Problem("", "YAML nested too deeply")]) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ScenarioError(source, [Problem("", f"broken YAML{at}: {reason}",
                                             "check indentation, colons and quotes")]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError(source, [Problem("", f"a scenario is a mapping, got {type(data).__name__}")])
    return data


def deep_merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``over`` into a copy of ``base``: mappings recursively, ``null`` deletes a key.

    ``base`` is copied once, then merged into in place (the copy is this function's own).
    """
    out = copy.deepcopy(dict(base))
    _merge_into(out, over)
    return out


def _merge_into(out: dict[str, Any], over: Mapping[str, Any]) -> None:
    for key, value in over.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            if not isinstance(out[key], dict):
                out[key] = dict(out[key])
            _merge_into(out[key], value)
        else:
            out[key] = copy.deepcopy(value)


def parse_override(text: str) -> tuple[str, Any]:
    """Split ``"a.b.c=value"`` into the path and the YAML-parsed value."""
    if "=" not in text:
        raise ValueError(f"override '{text}' is not of the form dotted.path=value")
    key, raw = text.split("=", 1)
    try:
        value = load_value(raw) if raw.strip() else ""
    except (yaml.YAMLError, DuplicateKeyError, RecursionError):
        value = raw
    return key.strip(), value


def apply_overrides(
    document: dict[str, Any], overrides: Sequence[str] | Mapping[str, Any], source: str
) -> dict[str, Any]:
    """Set dotted paths in a copy of ``document``; unknown paths raise ScenarioError."""
    out = copy.deepcopy(document)
    items: list[tuple[str, Any]] = []
    problems: list[Problem] = []
    if isinstance(overrides, Mapping):
        items = list(overrides.items())
    else:
        for text in overrides:
            try:
                items.append(parse_override(text))
            except ValueError as exc:
                problems.append(Problem("--set", str(exc), "write --set services.NAME.fleet.vehicles=6"))
    for key, value in items:
        problem = set_path(out, key, value)
        if problem:
            problems.append(problem)
    if problems:
        raise ScenarioError(f"{source} (--set)", problems)
    return out


def set_path(document: dict[str, Any], key: str, value: Any) -> Problem | None:
    """Set ``key`` (dotted) in ``document``; return a Problem if the path is unknown."""
    parts = key.split(".")
    node: Any = document
    for i, part in enumerate(parts[:-1]):
        try:
            node = step(node, part)
            continue
        except KeyError:
            pass
        if not isinstance(node, dict):
            return Problem(key, f"'{'.'.join(parts[:i])}' is not a mapping")
        if part not in fields_at(parts[:i]):  # a known field not yet written: create it
            known = set(node) | fields_at(parts[:i])
            return Problem(key, f"unknown path element '{part}'", suggest(part, known))
        node[part] = {}
        node = node[part]
    last = parts[-1]
    if not isinstance(node, dict):
        return Problem(key, f"'{'.'.join(parts[:-1])}' is not a mapping")
    allowed = fields_at(parts[:-1])
    if last not in node and allowed and last not in allowed:
        return Problem(key, f"unknown field '{last}'", suggest(last, allowed))
    node[last] = value
    return None


def scenario_hash(scenario: Scenario) -> str:
    """SHA-256 (first 16 hex digits) of the resolved scenario's canonical JSON."""
    payload = json.dumps(scenario.model_dump(mode="json", by_alias=True), sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]
