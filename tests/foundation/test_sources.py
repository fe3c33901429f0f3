"""The project ships what it cites: every "ref N" resolves, nothing points outside."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from corridor_sim.sources import (
    cited_refs,
    cited_sections,
    facts_sections,
    load_sources,
    main,
    render_markdown,
)

ROOT = Path(__file__).resolve().parents[2]


def tracked_files() -> list[Path]:
    """Files of the repository (git's list when available, else a walk of the tree)."""
    try:
        out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
        return [ROOT / line for line in out.stdout.splitlines() if (ROOT / line).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "venv", "runs", ".asv"}
        return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.parts)]


def citing_files() -> list[Path]:
    """Package data, scenarios, docs and the README: the files that cite sources."""
    files = [*sorted((ROOT / "corridor_sim" / "data").glob("*")),
             *sorted((ROOT / "scenarios").rglob("*.yaml")),
             *sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
    return [f for f in files if f.suffix in {".yaml", ".md"}]


@pytest.mark.parametrize(("text", "refs"), [
    ("ref 4", {4}),
    ("refs 4, 5", {4, 5}),
    ("refs 35–38", {35, 36, 37, 38}),
    ("refs 1, 3, 12 and 41-43", {1, 3, 12, 41, 42, 43}),
    ("(ref 60; facts: Nodes)", {60}),
    ("a preference, no ref here", set()),
])
def test_cited_refs_parses_lists_and_ranges(text: str, refs: set[int]) -> None:
    assert cited_refs(text) == refs


def test_sources_are_complete_entries() -> None:
    sources = load_sources()
    assert len(sources) >= 90
    for s in sources.values():
        assert s.publisher.strip(), s.number
        assert s.address or s.title or s.note, f"ref {s.number} says nowhere where it was read"


def test_every_ref_resolves() -> None:
    known = set(load_sources())
    missing = {f.relative_to(ROOT).as_posix(): sorted(cited_refs(f.read_text(encoding="utf-8")) - known)
               for f in citing_files()}
    missing = {k: v for k, v in missing.items() if v}
    assert not missing, f"refs not in corridor_sim/data/sources.yaml: {missing}"
    cited = set().union(*(cited_refs(f.read_text(encoding="utf-8")) for f in citing_files()))
    assert len(cited) > 40  # the parser finds the citations at all


def test_every_facts_section_resolves() -> None:
    first_words = {h.split()[0] for h in facts_sections()}
    for f in citing_files():
        unknown = cited_sections(f.read_text(encoding="utf-8")) - first_words
        assert not unknown, f"{f.relative_to(ROOT)} cites facts sections not in facts.md: {unknown}"


def test_docs_sources_page_is_current() -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert page == render_markdown(load_sources()), (
        "docs/sources.md is stale: python -m corridor_sim.sources --write docs/sources.md")


def test_main_writes_the_page(tmp_path: Path) -> None:
    assert main(["--write", str(tmp_path / "s.md")]) == 0
    assert (tmp_path / "s.md").read_text(encoding="utf-8") == render_markdown(load_sources())
    assert main(["--bogus"]) == 2


def test_no_file_points_outside_the_repository() -> None:
    outside = ["../" + "shared", "shared" + "/data", "/work" + "/"]
    offenders = []
    for f in tracked_files():
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        offenders += [f"{f.relative_to(ROOT)}: {p}" for p in outside if p in text]
    assert not offenders, offenders
