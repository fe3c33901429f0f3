"""Scenario loading: extends with deep merge, overrides, errors with paths and suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corridor_sim.scenario import ScenarioError, load_scenario, scenario_from_dict
from tests.conftest import TINY


def write(path: Path, doc: dict) -> Path:
    path.write_text(yaml.safe_dump(doc))
    return path


def test_extends_deep_merges_and_null_deletes(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", TINY)
    child = {"extends": "base.yaml", "name": "child",
             "services": {"ab": {"fleet": {"vehicles": 3, "capacity_t": 2000}}},
             "flows": {"g": {"origin": "a", "destination": "b", "cargo": "dry_bulk",
                             "annual_t": 1000}, "f": None}}
    s = load_scenario(write(tmp_path / "child.yaml", child))
    assert s.name == "child"
    assert s.services["ab"].fleet.vehicles == 3
    assert s.services["ab"].fleet.capacity_teu == 100  # kept from the base
    assert s.services["ab"].fleet.capacity_t == 2000
    assert list(s.flows) == ["g"]


def test_extends_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "base.yaml", TINY)
    # ``..`` leaves the scenario's folder: allowed only explicitly (issue 16)
    s = load_scenario(write(tmp_path / "sub" / "c.yaml", {"extends": "../base.yaml"}),
                      extends_dirs=[tmp_path])
    assert s.name == "tiny"


def test_overrides_parse_yaml_values(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", TINY)
    s = load_scenario(path, overrides=["services.ab.fleet.vehicles=4",
                                       "flows.f.seasonality=[1,1,1,1,1,1,1,1,1,1,1,2]",
                                       "services.ab.fleet.availability=0.9"])
    assert s.services["ab"].fleet.vehicles == 4
    assert s.flows["f"].seasonality[-1] == 2
    assert s.services["ab"].fleet.availability == 0.9


def test_misspelt_key_names_path_and_suggests(tmp_path: Path) -> None:
    doc = {**TINY, "services": {"ab": {**TINY["services"]["ab"], "fleat": {"vehicles": 1}}}}
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path / "bad.yaml", doc))
    text = str(err.value)
    assert "bad.yaml" in text
    assert "services.ab.fleat" in text
    assert "did you mean 'fleet'?" in text


@pytest.mark.parametrize(("override", "path", "hint"), [
    ("services.ab.fleet.vehicels=2", "services.ab.fleet.vehicels", "vehicles"),
    ("services.abc.fleet.vehicles=2", "services.abc.fleet.vehicles", "'ab'"),
    ("flows.f.destination=bb", "flows.f.destination", "'b'"),
    ("nodes.b.berths=0", "nodes.b.berths", "greater than or equal to 1"),
])
def test_override_errors(tmp_path: Path, override: str, path: str, hint: str) -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(write(tmp_path / "s.yaml", TINY), overrides=[override])
    assert path in str(err.value) and hint in str(err.value)


def test_unknown_route_node_and_unroutable_flow() -> None:
    doc = {**TINY, "flows": {"f": {**TINY["flows"]["f"], "route": ["a", "x", "b"]}}}
    with pytest.raises(ScenarioError, match=r"flows\.f\.route\.1: unknown node 'x'"):
        scenario_from_dict(doc)


def test_extends_cycle_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", {"extends": "b.yaml"})
    write(tmp_path / "b.yaml", {"extends": "a.yaml"})
    with pytest.raises(ScenarioError, match="extends cycle"):
        load_scenario(tmp_path / "a.yaml")


def test_broken_yaml_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("nodes:\n  a: {kind: zone\n")
    with pytest.raises(ScenarioError, match="broken YAML at line"):
        load_scenario(path)


def test_warmup_longer_than_horizon() -> None:
    doc = {**TINY, "run": {"horizon_days": 10, "warmup_days": 20}}
    with pytest.raises(ScenarioError, match=r"run: .*warmup_days"):
        scenario_from_dict(doc)


def test_distribution_forms() -> None:
    doc = {**TINY}
    doc["services"] = {"ab": {**TINY["services"]["ab"], "transit_h": {"triangular": [1, 2, 3]}}}
    s = scenario_from_dict(doc)
    assert s.services["ab"].transit_h.mean == pytest.approx(2.0)
    doc["services"]["ab"]["transit_h"] = {"triangular": [3, 2, 1]}
    with pytest.raises(ScenarioError, match="low <= mode <= high"):
        scenario_from_dict(doc)


def test_timeline_rejects_fields_the_run_cannot_change() -> None:
    doc = {**TINY, "timeline": [{"date": "2025-01-02",
                                 "set": {"services.ab.transit_h": 5}}]}
    with pytest.raises(ScenarioError, match=r"timeline\.0\.set\.services\.ab\.transit_h: "
                                            r"'transit_h' cannot change during a run"):
        scenario_from_dict(doc)


def test_bulk_needs_a_tonnage_capacity() -> None:
    # the feeder is sized in TEU only: it cannot carry a bulk flow (it would carry any tonnage)
    doc = {**TINY, "flows": {"g": {"origin": "a", "destination": "b", "cargo": "dry_bulk",
                                   "annual_t": 1000}}}
    with pytest.raises(ScenarioError, match=r"flows\.g\.destination: 'b' cannot be reached"):
        scenario_from_dict(doc)
