"""``corridor-sim capacity`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.capacity import parse_target
from corridor_sim.cli.app import app
from tests.capacity.test_expansion import menu

runner = CliRunner()


def write(tmp_path: Path, doc: dict[str, Any]) -> str:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc))
    return str(path)


def test_table_names_the_bottleneck(tmp_path: Path) -> None:
    res = runner.invoke(app, ["capacity", write(tmp_path, menu())])
    assert res.exit_code == 0, res.output
    assert "bottleneck: feeder fleet ab: 0.11 Mt/yr, 8,766 TEU/yr (114 % used)" in res.output
    assert "Max flow by cargo class, flows" in res.output


def test_json_and_plan(tmp_path: Path) -> None:
    res = runner.invoke(app, ["capacity", write(tmp_path, menu()), "--json",
                              "--target", "30kTEU"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["bottleneck"]["name"] == "ab" and out["scope"] == "flows"
    assert {e["name"] for e in out["elements"] if e["binding"]} == {"ab"}
    assert out["plan"]["feasible"] and out["plan"]["total_cost_usd"] == 50
    a = next(e for e in out["elements"] if e["name"] == "a")
    assert a["capacity_teu_per_year"] is None  # unbounded is null in JSON


def test_plan_in_the_table_and_set(tmp_path: Path) -> None:
    res = runner.invoke(app, ["capacity", write(tmp_path, menu()), "--target", "30000TEU",
                              "--set", "services.bc.fleet.vehicles=2"])
    assert res.exit_code == 0, res.output
    assert "total cost: USD 20" in res.output
    assert "--set services.ab.fleet.vehicles=2" in res.output


@pytest.mark.parametrize(("args", "needle"), [
    (["--target", "5.2 Mtonnes"], "--target: cannot read target '5.2 Mtonnes'"),
    (["--scope", "group:nope"], "--scope: unknown group 'nope'"),
    (["--set", "services.ab.flet.vehicles=3"], "unknown path element 'flet'"),
])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, args: list[str], needle: str) -> None:
    res = runner.invoke(app, ["capacity", write(tmp_path, menu()), *args])
    assert res.exit_code == 2
    assert needle in res.output
    assert "Traceback" not in res.output


def test_unusable_expansion_names_its_path(tmp_path: Path) -> None:
    doc = menu()
    doc["nodes"]["b"]["expandable"] = {"dwell_h": {"step": 1, "unit_cost_usd": 1}}
    res = runner.invoke(app, ["capacity", write(tmp_path, doc), "--target", "30kTEU"])
    assert res.exit_code == 2
    assert "nodes.b.expandable.dwell_h: cannot plan expansions of 'dwell_h'" in res.output


def test_missing_file_exits_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["capacity", str(tmp_path / "none.yaml")])
    assert res.exit_code == 2 and "file not found" in res.output


@pytest.mark.parametrize(("text", "t", "teu"), [
    ("5.2Mt,70000TEU", 5.2e6, 70_000), ("5200000t", 5.2e6, None), ("70kTEU", None, 70_000),
    ("700kt, 1.5e4 teu", 7e5, 15_000), ("70_000TEU,5.2Mt", 5.2e6, 70_000),
])
def test_parse_target(text: str, t: float | None, teu: float | None) -> None:
    got = parse_target(text)
    assert got.t_per_year == (pytest.approx(t) if t is not None else None)
    assert got.teu_per_year == (pytest.approx(teu) if teu is not None else None)


@pytest.mark.parametrize("text", ["", "5.2", "5.2Kt", "1Mt,2Mt", "3 boxes", "-1t"])
def test_parse_target_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_target(text)
