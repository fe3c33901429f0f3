"""Pages that quote results carry a stamp; a fast test (no simulation) tells when one is stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor_sim.stamp import model_hash, read_stamp, stale, stamp

ROOT = Path(__file__).resolve().parents[2]
# Pages that quote model results and are generated with a stamp. A page is added here
# when its generator writes the stamp; from then on it may not go stale silently.
GENERATED = sorted(p for p in (ROOT / "docs").glob("*.md") if read_stamp(p.read_text(encoding="utf-8")))
# Pages that quote model results and must carry a stamp (each has a generator that
# writes it): losing the stamp must fail here, not drop the page out of GENERATED.
REQUIRED = ("bulgaria.md", "calibration.md", "scenarios.md", "validation.md")


def test_stamp_round_trip_and_each_kind_of_staleness(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\n", encoding="utf-8")
    page = f"# Results\n{stamp([scenario], tmp_path)}\n| a | 1 |\n"
    found = read_stamp(page)
    assert found is not None
    assert found["model"] == model_hash()
    assert found["inputs"] == {"s.yaml": found["inputs"]["s.yaml"]}  # type: ignore[index]
    assert stale(page, tmp_path) == []
    scenario.write_text("name: s2\n", encoding="utf-8")
    assert stale(page, tmp_path) == ["input s.yaml changed"]
    scenario.unlink()
    assert stale(page, tmp_path) == ["input s.yaml no longer exists"]
    assert stale("# a page\n", tmp_path) == ["no stamp: the page was not generated"]
    other_model = page.replace(model_hash(), "0" * 16)
    assert "the model's code or data changed since it was made" in stale(other_model, tmp_path)


def test_model_hash_is_stable() -> None:
    assert model_hash() == model_hash()
    assert len(model_hash()) == 16


@pytest.mark.parametrize("page", GENERATED, ids=lambda p: p.name)
def test_generated_pages_are_current(page: Path) -> None:
    reasons = stale(page.read_text(encoding="utf-8"), ROOT)
    assert not reasons, f"{page.relative_to(ROOT)} is stale ({'; '.join(reasons)}): regenerate it"


@pytest.mark.parametrize("name", REQUIRED)
def test_required_pages_carry_a_stamp(name: str) -> None:
    page = ROOT / "docs" / name
    assert page.is_file(), f"docs/{name} is missing"
    assert read_stamp(page.read_text(encoding="utf-8")) is not None, (
        f"docs/{name} carries no stamp: regenerate it with its generator")
    assert page in GENERATED
