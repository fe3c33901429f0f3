"""The resolved scenario's YAML reads back, with the project's own reader, to the same data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from corridor_sim.io.yaml_text import yaml_text
from corridor_sim.scenario import load_scenario
from corridor_sim.scenario.yaml_reader import safe_load_unique

ROOT = Path(__file__).resolve().parents[2]

TRICKY = {
    "yes": "yes", "no": "no", "on": "off", "null": "null", "date": "2025-01-01",
    "not a date": "2025-13-40", "octal": "017", "sexagesimal": "1:30", "number text": "3_0",
    "float": 0.1, "tiny": 1e-300, "big": 1.7976931348623157e308, "int": -7, "flag": True,
    "none": None, "unicode": "Poti\u2013Varna \u2192 EU \u00d7 2", "empty": "", "list": [1, [2, "x"]],
    "long": " ".join(["a fairly long sentence that the emitter has to fold"] * 8),
    "quote": "it's \"quoted\": a: b # not a comment", "lead space": "  x", "newline": "a\nb",
}


def test_tricky_values_read_back_identical() -> None:
    text = yaml_text(TRICKY)
    assert safe_load_unique(text) == TRICKY
    assert text.isascii()  # non-ASCII escaped: the file is the same in any locale


def test_keys_keep_their_order() -> None:
    assert list(safe_load_unique(yaml_text({"b": 1, "a": 2, "c": 3}))) == ["b", "a", "c"]


@pytest.mark.parametrize("name", ["varna", "growth_2030"])
def test_a_resolved_scenario_reads_back_to_the_same_scenario(name: str, tmp_path: Path) -> None:
    s = load_scenario(ROOT / "scenarios" / f"{name}.yaml")
    data = s.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    text = yaml_text(data)
    assert safe_load_unique(text) == data == yaml.safe_load(yaml.safe_dump(data, sort_keys=False))
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    assert load_scenario(path) == s
