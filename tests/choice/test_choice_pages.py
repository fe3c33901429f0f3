"""``corridor-sim choices --write/--html``: the stamped Markdown page and the HTML section
carry the comparison's numbers (CliRunner, a two-route container network)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.stamp import model_hash, read_stamp, stale

runner = CliRunner()
HOURS_PER_YEAR = 8766.0


def network() -> dict:
    """o -> x -> eu (x in RO) and o -> y -> eu (y in BG), containers choosing between them."""
    def svc(a: str, b: str) -> dict:
        return {"mode": "rail", "from": a, "to": b, "distance_km": 100, "transit_h": 5,
                "cargo": ["container"], "fleet": {"vehicles": 20, "capacity_teu": 10},
                "departure": {"fill": 0.1, "max_wait_h": 1}, "tariff_usd_per_teu": 50}
    nodes = {n: {"kind": "zone", "lat": 40.0 + i, "lon": 40.0, "country": c}
             for i, (n, c) in enumerate([("o", "KZ"), ("x", "RO"), ("y", "BG"), ("eu", "DE")])}
    return {
        "name": "base", "run": {"start": "2025-01-01", "horizon_days": 30, "warmup_days": 2},
        "nodes": nodes,
        "services": {"ox": svc("o", "x"), "xd": svc("x", "eu"), "oy": svc("o", "y"),
                     "yd": svc("y", "eu")},
        "flows": {"boxes": {"origin": "o", "destination": "eu", "cargo": "container",
                            "annual_teu": 0.5 * HOURS_PER_YEAR, "lot_teu": 1,
                            "route": {"choice": "logit", "scale_per_usd_t": 0.1,
                                      "alternatives": [["o", "x", "eu"]]}}},
    }


def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A project (corridor-sim.toml marker) with base.yaml and two scenarios in cases/."""
    (tmp_path / "corridor-sim.toml").write_text("")
    (tmp_path / "base.yaml").write_text(yaml.safe_dump(network()))
    cases = tmp_path / "cases"
    cases.mkdir()
    only = cases / "only_x.yaml"
    only.write_text("extends: ../base.yaml\nname: only_x\n")
    both = cases / "both.yaml"
    both.write_text("extends: ../base.yaml\nname: both\nflows:\n  boxes:\n    route:\n"
                    "      alternatives: [[o, x, eu], [o, y, eu]]\n")
    (cases / "intro.md").write_text("# Two routes\n\nProse before the tables.\n")
    return only, both, tmp_path


def _md_share(page: str, label: str) -> float:
    row = next(line for line in page.splitlines() if line.startswith(f"| {label} | "))
    return float(row.split("|")[2].split("%")[0])


def _html_share(page: str, label: str) -> float:
    row = re.search(rf'<td class="txt">{label}</td><td class="num">([0-9.]+) ', page)
    assert row is not None, f"no row for {label}"
    return float(row[1])


def test_choices_writes_a_stamped_page_and_an_html_section(tmp_path: Path) -> None:
    only, both, root = project(tmp_path)
    md, page_html = tmp_path / "out" / "page.md", tmp_path / "out" / "page.html"
    res = runner.invoke(app, ["choices", str(only), str(both), "-n", "2", "--eq-replications",
                              "1", "--iterations", "2", "--sensitivity-scale", "0.05",
                              "--sensitivity-replications", "2", "--write", str(md),
                              "--html", str(page_html)])
    assert res.exit_code == 0, res.output
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Two routes\n\nProse before the tables.")  # intro.md beside them
    found = read_stamp(text)
    assert found is not None and found["model"] == model_hash()
    assert set(found["inputs"]) == {"base.yaml", "cases/only_x.yaml", "cases/both.yaml"}  # type: ignore[arg-type]
    assert stale(text, root) == []
    (root / "base.yaml").write_text(yaml.safe_dump({**network(), "name": "other"}))
    assert stale(text, root) == ["input base.yaml changed"]  # what it extends counts

    doc = page_html.read_text(encoding="utf-8")
    assert '<h2 id="route-choice">Route choice through BG</h2>' in doc
    assert "attracted share (%)" in doc and "--html" in doc  # the command, quoted
    assert "Differences against only_x" in doc and "Capacity each line or terminal in BG" in doc
    assert "A priori (timetable costs" in doc and "Simulated: attracted share" in doc
    # the same numbers in both pages; no BG route, no BG share; two equal routes share
    assert _md_share(text, "only_x") == _html_share(doc, "only_x") == 0.0
    assert _md_share(text, "both") == _html_share(doc, "both")
    assert 20.0 < _md_share(text, "both") < 80.0
    assert "| 0.05 |" in text and "| 0.1 |" in text  # simulated at the extra and own scale
    assert "rail fleet oy" in doc and "rail fleet yd" in doc  # the BG lines
    assert "rail fleet ox" not in doc


@pytest.mark.parametrize(("extra", "message"), [
    (["--intro", "none.md"], "no such intro file"),
    (["--sensitivity-scale", "0"], "takes a positive logit scale"),
])
def test_bad_options_exit_2_before_simulating(tmp_path: Path, extra: list[str],
                                              message: str) -> None:
    only, both, _ = project(tmp_path)
    res = runner.invoke(app, ["choices", str(only), str(both), *extra,
                              "--write", str(tmp_path / "p.md")])
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output
    assert not (tmp_path / "p.md").exists()


def test_without_congestion_the_simulated_sensitivity_follows_the_a_priori_shares() -> None:
    """Ample fleets: the fixed point at each scale is the a-priori logit share (which the
    BG route, dearer by 100 USD/TEU, loses faster as the scale sharpens)."""
    from corridor_sim.experiments.choice_compare import scale_sensitivity
    from corridor_sim.experiments.choice_sensitivity import simulated_scale_sensitivity
    from corridor_sim.scenario import scenario_from_dict

    doc = network()
    doc["run"]["horizon_days"] = 60
    doc["services"]["oy"]["tariff_usd_per_teu"] = 150
    doc["flows"]["boxes"]["route"]["alternatives"] = [["o", "x", "eu"], ["o", "y", "eu"]]
    s = scenario_from_dict(doc)
    scales = (0.02, 0.2)
    sim = simulated_scale_sensitivity(s, scales, replications=3, eq_replications=1, iterations=3)
    prior = scale_sensitivity(s, "BG", scales).set_index("scale_per_usd_t")["share"]
    assert prior[0.02] > prior[0.2] + 0.2  # the scales differ enough to tell apart
    for r in sim.to_dict("records"):
        assert r["n"] == 3
        # ≈ 700 lots a replication: the mean of three has a binomial sd ≈ 0.01; 0.05 is ~5 sd
        assert abs(r["mean"] - prior[r["scale_per_usd_t"]]) < 0.05, (r, prior)
    assert sim["mean"].iloc[0] > sim["mean"].iloc[1]


def test_report_with_route_choice_holds_the_section_beside_the_scenarios(tmp_path: Path) -> None:
    only, both, _ = project(tmp_path)
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", str(only), str(both), "--out", str(out), "--route-choice",
                              "--choice-replications", "2", "--iterations", "2"])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert page.count('<h2 id="route-choice">') == 1
    # the section sits in the one report, after the comparison and before the scenarios
    assert page.index("route-choice") < page.rindex("only_x") and "both" in page
    assert _html_share(page, "only_x") == 0.0  # no route through BG: nothing attracted
    assert _html_share(page, "both") > 0.0


def test_report_without_route_choice_has_no_section(tmp_path: Path) -> None:
    only, _, _ = project(tmp_path)
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", str(only), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "route-choice" not in out.read_text(encoding="utf-8")
