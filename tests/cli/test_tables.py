"""Tables at 80 columns keep every number whole; compare answers its question by default."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from tests.experiments.conftest import PORT

NARROW = {"COLUMNS": "80"}


def invoke(*args: Any) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], env=NARROW)


def write(tmp_path: Path, name: str, doc: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return path


def test_experiment_at_80_columns_cuts_no_number(tmp_path: Path) -> None:
    res = invoke("experiment", write(tmp_path, "port.yaml", PORT), "-n", 3, "--no-write", "-q", "--all")
    assert res.exit_code == 0, res.output
    assert "…" not in res.output  # nothing cut
    assert max(len(line) for line in res.output.splitlines() if "│" in line) <= 80
    assert "throughput (TEU)" in res.output and "throughput_teu" not in res.output  # human names
    numbers = re.findall(r"│\s+([\d,]+(?:\.\d+)?)\s+│", res.output)
    assert numbers and all(re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", n) for n in numbers)


def test_sweep_shows_each_parameter_value(tmp_path: Path) -> None:
    res = invoke("sweep", write(tmp_path, "port.yaml", PORT), "-p", "services.pz.fleet.vehicles=1,2,3",
                 "-n", 2, "--no-write", "-q")
    assert res.exit_code == 0, res.output
    rows = [line for line in res.output.splitlines() if re.match(r"│\s+\d\s+│", line)]
    assert [re.split(r"\s*│\s*", r)[2] for r in rows] == ["1", "2", "3"]
    assert "…" not in res.output


def test_compare_default_view_answers_the_question(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", PORT)
    more = dict(PORT)
    more["services"] = {**PORT["services"], "extra": {**next(iter(PORT["services"].values()))}}
    other = write(tmp_path, "other.yaml", more)
    res = invoke("compare", base, other, "-n", 3, "--no-write", "-q")
    assert res.exit_code == 0, res.output
    assert "<absent>" not in res.output and "services.extra" in res.output
    assert "present" in res.output
    full = invoke("compare", base, other, "-n", 3, "--no-write", "-q", "--all")
    assert "<absent>" in full.output


def test_capacity_says_a_bound_is_not_a_probability(tmp_path: Path) -> None:
    from tests.capacity.test_expansion import menu
    res = CliRunner().invoke(app, ["capacity", str(write(tmp_path, "m.yaml", menu())), "--target", "1000TEU"],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    text = " ".join(res.output.split())
    assert "an upper limit, not a forecast" in text and "P(target met) comes from" in text
    assert "bound already meets the target" not in text


def test_a_narrow_column_wraps_intervals_at_spaces_never_inside_a_number() -> None:
    from rich.console import Console
    from rich.table import Table

    from corridor_sim.cli.table_layout import keep_numbers_whole

    t = Table()
    t.add_column("KPI")
    t.add_column("difference [95 % CI]", justify="right")
    t.add_row("a rather long label that can wrap anywhere", "-25,680 [-88,652, 37,292]")
    console = Console(width=30, record=True, color_system=None)
    console.print(keep_numbers_whole(t))
    text = console.export_text()
    for number in ("-25,680", "[-88,652,", "37,292]"):
        assert number in text
    assert max(len(line) for line in text.splitlines()) <= 30
