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
    assert "urls" not in meta  # no public address yet: none is invented
    assert "jsonschema" in " ".join(meta["optional-dependencies"]["dev"])


def test_scenarios_are_package_data() -> None:
    data = project()["tool"]["setuptools"]["package-data"]
    assert "*.yaml" in data["corridor_sim.data.scenarios"] and "data/*.geojson" in data["corridor_sim"]
    setup_py = (ROOT / "setup.py").read_text()
    assert '"corridor_sim.data.scenarios": "scenarios"' in setup_py and "find_packages" in setup_py


@pytest.mark.slow
def test_wheel_ships_every_package_and_the_scenarios(tmp_path: Path) -> None:
    import subprocess
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("corridor_sim-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "corridor_sim").rglob("__init__.py")}
    assert {f"{p}/__init__.py" for p in packages} <= names
    shipped = {str(p.relative_to(ROOT)) for p in (ROOT / "scenarios").rglob("*.yaml")}
    assert {f"corridor_sim/data/{s}" for s in shipped} <= names
    assert "corridor_sim/data/land_110m.geojson" in names


def test_package_scenario_argument() -> None:
    res = CliRunner().invoke(app, ["validate", "package:scenarios/varna.yaml"])
    assert res.exit_code == 0, res.output
    assert "valid" in res.output
    res = CliRunner().invoke(app, ["validate", "package:scenarios/nope.yaml"])
    assert res.exit_code == 2 and "not shipped" in res.output
    res = CliRunner().invoke(app, ["validate", "package:../pyproject.toml"])
    assert res.exit_code == 2 and "a name inside" in res.output
