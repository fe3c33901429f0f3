"""Packaging: SPDX license, classifiers, URLs, every package listed, scenarios shipped."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_sim.cli.app import app

ROOT = Path(__file__).resolve().parents[2]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_modern_metadata() -> None:
    meta = project()["project"]
    assert meta["license"] == "MIT"  # SPDX expression, not the deprecated table
    assert any(c.startswith("Programming Language :: Python :: 3.1") for c in meta["classifiers"])
    assert {"Homepage", "Source", "Changelog"} <= set(meta["urls"])
    assert "jsonschema" in " ".join(meta["optional-dependencies"]["dev"])


def test_every_package_is_listed_and_scenarios_ship() -> None:
    tool = project()["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "corridor_sim").rglob("__init__.py")}
    assert found <= set(tool["packages"])
    assert tool["package-dir"]["corridor_sim.data.scenarios"] == "scenarios"
    assert "*.yaml" in tool["package-data"]["corridor_sim.data.scenarios"]


def test_package_scenario_argument() -> None:
    res = CliRunner().invoke(app, ["validate", "package:scenarios/varna.yaml"])
    assert res.exit_code == 0, res.output
    assert "valid" in res.output
    res = CliRunner().invoke(app, ["validate", "package:scenarios/nope.yaml"])
    assert res.exit_code == 2 and "not shipped" in res.output
    res = CliRunner().invoke(app, ["validate", "package:../pyproject.toml"])
    assert res.exit_code == 2 and "a name inside" in res.output
