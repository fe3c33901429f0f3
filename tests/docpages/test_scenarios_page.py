"""The generated scenario-library page: its numbers are the experiments', its stamp current."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from corridor_sim.docpages import Entry, render_library, run_library
from corridor_sim.docpages.scenarios_page import per_year
from corridor_sim.stamp import stale
from tests.conftest import TINY


def write_library(root: Path) -> tuple[Entry, ...]:
    """Two tiny scenarios in ``root/scenarios``: a feeder with 1 vehicle and one with 2."""
    (root / "scenarios").mkdir()
    base = copy.deepcopy(TINY)
    base["run"].update({"horizon_days": 30})
    base["flows"]["f"]["arrival"] = "poisson"
    base["services"]["ab"]["groups"] = ["trans_caspian"]
    base["services"]["ab"]["departure"] = {"fill": 0.05, "max_wait_h": 24}
    (root / "scenarios" / "one.yaml").write_text(yaml.safe_dump(base), encoding="utf-8")
    (root / "scenarios" / "two.yaml").write_text(
        "extends: one.yaml\nname: two\nservices: {ab: {fleet: {vehicles: 2}}}\n", encoding="utf-8")
    return (Entry("scenarios/one.yaml", "one feeder?"),
            Entry("scenarios/two.yaml", "two feeders?", "scenarios/one.yaml", base_label="vs one"))


def test_page_quotes_the_experiments_and_is_stamped(tmp_path: Path) -> None:
    entries = write_library(tmp_path)
    run = run_library(tmp_path, replications=4, seed=5, entries=entries)
    page = render_library(run, "cmd")
    assert stale(page, tmp_path) == []
    e1 = run.of("scenarios/one.yaml")
    one, k = e1.kpi("group", "trans_caspian", "throughput_teu"), per_year(e1)  # per year of the window
    assert f"{one['mean'] * k:,.0f} [{one['ci_low'] * k:,.0f}, {one['ci_high'] * k:,.0f}]" in page
    row = next(line for line in page.splitlines() if line.startswith("| `two.yaml`"))
    assert "vs one: Mt" in row and "TEU" in row
    assert run.of("scenarios/two.yaml").replications["seed"].tolist() == \
        run.of("scenarios/one.yaml").replications["seed"].tolist()  # common random numbers
    # the same settings give the same page; an edited scenario makes it stale
    assert render_library(run_library(tmp_path, 4, 5, entries=entries), "cmd") == page
    (tmp_path / "scenarios" / "one.yaml").write_text(
        (tmp_path / "scenarios" / "one.yaml").read_text() + "description: edited\n")
    assert stale(page, tmp_path) == ["input scenarios/one.yaml changed"]
