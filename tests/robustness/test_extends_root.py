"""``extends`` may read YAML files inside the scenario's project root (the nearest folder
above it with pyproject.toml, .git or corridor-sim.toml), else only its own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.scenario.errors import ScenarioError
from corridor_sim.scenario.extends_policy import project_root
from corridor_sim.scenario.loader import load_scenario

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-token-1234"
runner = CliRunner()


def project(tmp_path: Path, marker: str | None) -> Path:
    """``tmp_path/proj`` (with ``marker`` if given): base.yaml at its top, a scenario in
    ``scen/deep/`` extending ``../../base.yaml``; returns the scenario."""
    proj = tmp_path / "proj"
    (proj / "scen" / "deep").mkdir(parents=True)
    if marker == ".git":
        (proj / ".git").mkdir()
    elif marker is not None:
        (proj / marker).write_text("")
    (proj / "base.yaml").write_text(BASE.read_text())
    path = proj / "scen" / "deep" / "s.yaml"
    path.write_text("extends: ../../base.yaml\nname: mine\n")
    return path


def test_no_marker_above_the_temporary_folder(tmp_path: Path) -> None:
    assert project_root(tmp_path) is None  # else the tests below would prove nothing


@pytest.mark.parametrize("marker", ["corridor-sim.toml", "pyproject.toml", ".git"])
def test_a_parent_inside_the_project_root_is_read(tmp_path: Path, marker: str) -> None:
    path = project(tmp_path, marker)
    assert project_root(path.parent) == (tmp_path / "proj").resolve()
    assert load_scenario(path).name == "mine"
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0


def test_without_a_marker_only_the_scenario_folder_is_read(tmp_path: Path) -> None:
    path = project(tmp_path, None)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    text = str(err.value)
    assert str(path) in text and "extends: '../../base.yaml' lies outside the scenario's folder" in text
    assert "corridor-sim.toml" in text  # the suggestion names the marker


@pytest.mark.parametrize("how", ["dotdot", "symlink"])
def test_a_parent_outside_the_project_root_is_refused_unechoed(tmp_path: Path, how: str) -> None:
    path = project(tmp_path, "corridor-sim.toml")
    vault = tmp_path / "vault.yaml"
    vault.write_text(f"{SECRET}: 1\n")
    name = "../../../vault.yaml"
    if how == "symlink":  # a link inside the root pointing out of it: its real path counts
        (tmp_path / "proj" / "link.yaml").symlink_to(vault)
        name = "../../link.yaml"
    path.write_text(f"extends: [../../base.yaml, '{name}']\n")
    res = runner.invoke(app, ["validate", str(path)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    err = res.stderr
    assert str(path) in err  # the file
    assert f"extends: '{name}' lies outside the project root {(tmp_path / 'proj').resolve()}" in err
    assert "put an empty corridor-sim.toml in a folder above both files" in err  # suggestion
    assert SECRET not in res.output


def test_the_shipped_bulgarian_scenarios_load_without_the_environment_variable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CORRIDOR_SIM_EXTENDS_PATH", raising=False)
    assert project_root(ROOT / "scenarios" / "bulgaria") == ROOT
    assert load_scenario(ROOT / "scenarios" / "bulgaria" / "all.yaml").flows
