"""Scenario files are data, never code: safe YAML only, duplicate keys refused, extends confined."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.scenario import ScenarioError, load_scenario
from corridor_sim.scenario.loader import (
    DuplicateKeyError,
    UniqueKeyLoader,
    read_yaml,
    safe_load_unique,
)

BASE = Path(__file__).resolve().parents[1] / "data" / "bad" / "_base.yaml"
runner = CliRunner()


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path``, with a copy of the corpus base beside it (``_base.yaml``)."""
    path.write_text(text, encoding="utf-8")
    if not (path.parent / "_base.yaml").exists():
        (path.parent / "_base.yaml").write_text(BASE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_loader_is_a_safe_loader() -> None:
    from yaml.constructor import FullConstructor, SafeConstructor
    assert issubclass(UniqueKeyLoader, SafeConstructor)
    assert not issubclass(UniqueKeyLoader, FullConstructor)


def test_the_c_parser_is_used_where_pyyaml_has_it() -> None:
    from corridor_sim.scenario.yaml_reader import C_LOADER
    assert yaml.__with_libyaml__ == C_LOADER  # CParser is in yaml.cyaml, not yaml itself
    if C_LOADER:
        from yaml.cyaml import CParser
        assert issubclass(UniqueKeyLoader, CParser)


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.check_call [['touch', '{marker}']]",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_tags_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "marker"
    path = write(tmp_path / "evil.yaml",
                 f"extends: _base.yaml\ndescription: {tag.format(marker=marker)}\n")
    for command in (["validate"], ["run", "--no-write"]):
        res = runner.invoke(app, [*command, str(path)])
        assert res.exit_code == 2 and "Traceback" not in res.output
        assert "evil.yaml" in res.stderr and "could not determine a constructor" in res.stderr
    assert not marker.exists()


def test_python_tag_in_set_is_kept_as_text(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    s = load_scenario(BASE, overrides=[f"description=!!python/object/apply:os.system ['touch {marker}']"])
    assert s.description.startswith("!!python/object/apply")
    assert not marker.exists()


def test_code_like_strings_stay_strings(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    code = f"__import__('os').system('touch {marker}')"
    s = load_scenario(write(tmp_path / "s.yaml", f"extends: _base.yaml\nname: \"{code}\"\n"))
    assert s.name == code
    assert not marker.exists()


def test_duplicate_keys_named_with_their_path_and_line() -> None:
    text = "a:\n  b: 1\n  c:\n    - {x: 1, y: 2}\n    - {x: 1, x: 3}\n"
    with pytest.raises(DuplicateKeyError) as info:
        safe_load_unique(text)
    assert (info.value.path, info.value.line) == ("a.c.1.x", 5)


def test_same_key_in_different_mappings_is_fine() -> None:
    assert safe_load_unique("a: {x: 1}\nb: {x: 2}\n") == {"a": {"x": 1}, "b": {"x": 2}}


def test_aliases_are_resolved_once(tmp_path: Path) -> None:
    text = "base: &b {x: 1}\nother: *b\nthird: {<<: *b, y: 2}\n"
    assert safe_load_unique(text) == {"base": {"x": 1}, "other": {"x": 1}, "third": {"x": 1, "y": 2}}


def test_duplicate_keys_refused_by_read_yaml(tmp_path: Path) -> None:
    path = write(tmp_path / "d.yaml", "nodes:\n  a: {}\nservices: {}\nnodes: {}\n")
    with pytest.raises(ScenarioError) as info:
        read_yaml(path, str(path))
    assert [p.path for p in info.value.problems] == ["nodes"]
    assert "line 4" in info.value.problems[0].message


@pytest.mark.parametrize("name", [
    "package:../../../../etc/passwd", "package:../scenario/models", "package:/etc/passwd",
    "package:..", "package:network/../../x", "package:", "package:.hidden",
])
def test_package_names_cannot_leave_the_data_dir(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / "s.yaml", f"extends: '{name}'\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.problems[0].path == "extends"
    assert "not a packaged scenario name" in info.value.problems[0].message


def test_packaged_network_is_reachable_by_name(tmp_path: Path) -> None:
    from importlib import resources
    if not (resources.files("corridor_sim") / "data" / "network.yaml").is_file():
        pytest.skip("the default network is not shipped yet")
    s = load_scenario(write(tmp_path / "s.yaml", "extends: package:network\n"))
    assert len(s.nodes) > 3 and len(s.services) > 3


def test_extends_follows_only_named_files(tmp_path: Path) -> None:
    """A sibling file that is not named in ``extends`` is never read."""
    write(tmp_path / "network.yaml", "this: [is: broken\n")
    write(tmp_path / "scenario.yaml", "also: {broken\n")
    s = load_scenario(write(tmp_path / "s.yaml", "extends: _base.yaml\n"))
    assert s.name == "base"


def test_extends_is_relative_to_the_extending_file(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "a" / "base.yaml", BASE.read_text())
    write(tmp_path / "a" / "b" / "mid.yaml", "extends: ../base.yaml\nname: mid\n")
    s = load_scenario(write(tmp_path / "top.yaml", "extends: a/b/mid.yaml\n"))
    assert s.name == "mid" and set(s.nodes) == {"a", "b", "c"}


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.yaml", "")
    path.write_bytes(b"\xef\xbb\xbf" + b"extends: _base.yaml\r\nname: bom\r\n")
    assert load_scenario(path).name == "bom"
