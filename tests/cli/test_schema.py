"""``corridor-sim schema`` accepts every shipped file and rejects misshapen ones (jsonschema)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from tests.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted([ROOT / "corridor_sim" / "data" / "network.yaml",
                  *(ROOT / "scenarios").rglob("*.yaml"), ROOT / "tests" / "data" / "bad" / "_base.yaml",
                  *(ROOT / "tests" / "data").glob("good/**/*.yaml")])
# shape errors the schema itself must catch (the loader's cross-field rules are not its job)
MISSHAPEN = ["misspelt_field", "misspelt_top_field", "negative_vehicles", "latitude_out_of_range",
             "dist_two_kinds", "dist_unknown_kind", "departure_mixed", "negative_yard"]


@pytest.fixture(scope="module")
def validator(tmp_path_factory: pytest.TempPathFactory) -> jsonschema.Draft202012Validator:
    out = tmp_path_factory.mktemp("schema") / "scenario.schema.json"
    res = CliRunner().invoke(app, ["schema", "--out", str(out)])
    assert res.exit_code == 0, res.output
    schema = json.loads(out.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_written(path: Path) -> Any:
    """The YAML as an editor sees it: dates are strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_is_valid(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message[:120]}" for e in validator.iter_errors(as_written(path))]
    assert errors == []


def test_enough_files_were_checked() -> None:
    assert len(SHIPPED) >= 12 and any("extends" in p.read_text() for p in SHIPPED)


@pytest.mark.parametrize("name", MISSHAPEN)
def test_misshapen_overlays_are_rejected(validator: jsonschema.Draft202012Validator, name: str) -> None:
    assert not validator.is_valid(as_written(ROOT / "tests" / "data" / "bad" / f"{name}.yaml"))


def test_code_fixtures_and_shorthands(validator: jsonschema.Draft202012Validator) -> None:
    assert validator.is_valid(json.loads(json.dumps(TINY)))  # {every_h: 24}, transit_h: 10
    no_nodes = {k: v for k, v in TINY.items() if k != "nodes"}
    assert not validator.is_valid(no_nodes)  # a complete file needs its nodes
    assert validator.is_valid({**no_nodes, "extends": "package:network"})  # an overlay does not
    assert validator.is_valid({"extends": ["a.yaml"], "services": {"x": None}})  # null deletes
    bad_dist = json.loads(json.dumps(TINY))
    bad_dist["services"]["ab"]["transit_h"] = -3
    assert not validator.is_valid(bad_dist)
