"""Untrusted scenario files (issue 16, points 4 and 6): what ``extends`` may read, special
files, size bounds, names printed as plain text, and the tracebacks that remained."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from corridor_sim.cli.app import app
from corridor_sim.scenario.errors import ScenarioError
from corridor_sim.scenario.loader import load_scenario

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
SECRET = "s3cr3t-token-1234"
runner = CliRunner()


def tree(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    """A scenario folder ``tmp_path/scen`` with the corpus base and ``name`` holding ``text``."""
    folder = tmp_path / "scen"
    folder.mkdir(exist_ok=True)
    (folder / "_base.yaml").write_text(BASE.read_text())
    (folder / name).write_text(text)
    return folder / name


def outside(tmp_path: Path) -> Path:
    """A YAML file outside the scenario's folder whose keys are a secret."""
    path = tmp_path / "private" / "vault.yaml"
    path.parent.mkdir()
    path.write_text(f"{SECRET}: 1\nnodes: {{{SECRET}x: 2}}\n")
    return path


def refused(res: Result, fragment: str) -> None:
    assert res.exit_code == 2, res.output
    assert isinstance(res.exception, SystemExit) and "Traceback" not in res.output
    assert fragment in res.stderr, res.stderr


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_extends_cannot_leave_the_scenario_folder_nor_echo_it(tmp_path: Path, how: str) -> None:
    vault = outside(tmp_path)
    name = {"absolute": str(vault), "dotdot": "../private/vault.yaml", "symlink": "link.yaml"}[how]
    path = tree(tmp_path, f"extends: [_base.yaml, '{name}']\n")
    if how == "symlink":
        (path.parent / "link.yaml").symlink_to(vault)
    res = runner.invoke(app, ["validate", str(path)])
    refused(res, "lies outside the scenario's folder")
    assert SECRET not in res.output


@pytest.mark.parametrize("name", ["/proc/self/environ", "/etc/passwd", "notes.txt"])
def test_extends_reads_only_yaml_files(tmp_path: Path, name: str) -> None:
    path = tree(tmp_path, f"extends: [_base.yaml, '{name}']\n")
    (path.parent / "notes.txt").write_text(f"{SECRET}: 1\n")
    res = runner.invoke(app, ["validate", str(path)])
    refused(res, "is not a .yaml or .yml file")
    assert SECRET not in res.output


def test_folders_outside_can_be_allowed_explicitly(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "common"
    shared.mkdir()
    (shared / "net.yaml").write_text(BASE.read_text())
    path = tree(tmp_path, "extends: ../common/net.yaml\nname: mine\n")
    with pytest.raises(ScenarioError, match="outside"):
        load_scenario(path)
    assert load_scenario(path, extends_dirs=[shared]).name == "mine"
    monkeypatch.setenv("CORRIDOR_SIM_EXTENDS_PATH", str(shared))
    assert load_scenario(path).name == "mine"
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0


def finishes(target: object, *args: object) -> BaseException | None:
    """Run ``target(*args)`` in a thread; fail the test if it is still blocked after 30 s."""
    caught: list[BaseException] = []

    def body() -> None:
        try:
            target(*args)  # type: ignore[operator]
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            caught.append(exc)
    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "blocked on the file"
    return caught[0] if caught else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("as_parent", [False, True])
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, as_parent: bool) -> None:
    folder = tree(tmp_path, "extends: pipe.yaml\n").parent
    os.mkfifo(folder / "pipe.yaml")
    target = folder / ("s.yaml" if as_parent else "pipe.yaml")
    exc = finishes(load_scenario, target)
    assert isinstance(exc, ScenarioError) and "is a FIFO" in str(exc)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_character_device_is_refused_before_reading() -> None:
    exc = finishes(load_scenario, "/dev/zero")
    assert isinstance(exc, ScenarioError) and "character device" in str(exc)


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tree(tmp_path, "extends: _base.yaml\ndescription: '" + "x" * (5 * 2**20) + "'\n")
    res = runner.invoke(app, ["validate", str(path)])
    refused(res, "is larger than 4,096 KiB")


def test_a_symlink_loop_in_extends_is_named(tmp_path: Path) -> None:
    path = tree(tmp_path, "extends: a.yaml\n")
    (path.parent / "a.yaml").symlink_to(path.parent / "b.yaml")
    (path.parent / "b.yaml").symlink_to(path.parent / "a.yaml")
    res = runner.invoke(app, ["validate", str(path)])
    refused(res, "symlink loop")


# -- names are plain text ------------------------------------------------------------


@pytest.mark.parametrize("name", ["[/bold] done", "[link=http://evil.example]click[/link]",
                                  "[red]x", "a\\[b]"])
def test_names_are_printed_as_plain_text(tmp_path: Path, name: str) -> None:
    path = tree(tmp_path, f"extends: _base.yaml\nname: '{name}'\n"
                "flows: {f: {name: '[bold]flow[/bold]'}}\n")
    res = runner.invoke(app, ["run", str(path), "--no-write"])
    assert res.exit_code == 0, res.output
    assert name in res.stdout
    assert "\x1b]8;" not in res.stdout  # no terminal hyperlink


def test_a_very_long_name_is_refused_at_once(tmp_path: Path) -> None:
    path = tree(tmp_path, "extends: _base.yaml\nname: '" + "n" * 100_000 + "'\n")
    res = runner.invoke(app, ["run", str(path), "--no-write"])
    refused(res, "name: a name of 100,000 characters; at most 200")


# -- remaining tracebacks ---------------------------------------------------------------


def test_negative_seed_is_a_usage_error() -> None:
    res = runner.invoke(app, ["run", str(BASE), "--seed", "-1", "--no-write"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert isinstance(res.exception, SystemExit) and "--seed" in res.output


def test_set_yes_is_not_a_number() -> None:
    res = runner.invoke(app, ["validate", str(BASE), "--set", "services.ab.fleet.vehicles=yes"])
    refused(res, "services.ab.fleet.vehicles: expected a number, got the text 'yes'")


def test_timeline_change_after_the_run_warns_what_will_happen(tmp_path: Path) -> None:
    path = tree(tmp_path, "extends: _base.yaml\n"
                "timeline: [{date: 2025-06-01, set: {services.ab.fleet.vehicles: 3}}]\n")
    with pytest.warns(UserWarning, match="timeline.0.date: 2025-06-01 falls after the end of the run"):
        load_scenario(path)
