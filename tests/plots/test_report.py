"""The HTML report: self-contained, embedded images, target table, provenance; the CLI."""

from __future__ import annotations

import base64
import binascii
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from PIL import Image
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.htmlpage import build_report
from corridor_sim.htmlpage.runs import comparison_table, headline, run_scenario
from corridor_sim.scenario import scenario_from_dict
from corridor_sim.scenario.loader import scenario_hash
from tests.plots.conftest import small_doc

runner = CliRunner()
VOID = {"meta", "img", "br", "hr", "input", "link"}


class Structure(HTMLParser):
    """Collects images, links, tables and checks that tags nest."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.images: list[str] = []
        self.external: list[str] = []
        self.captions: list[str] = []
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img":
            self.images.append(a.get("src") or "")
        for key in ("src", "href"):
            if a.get(key) and not str(a[key]).startswith(("data:", "#")):
                self.external.append(str(a[key]))
        if tag in ("script", "link", "iframe"):
            self.external.append(tag)
        if tag == "caption":
            self._in_caption = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        self._in_caption = self._in_caption and tag != "caption"

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self.captions.append(data)


def parse(text: str) -> Structure:
    s = Structure()
    s.feed(text)
    s.close()
    assert s.stack == [], s.stack
    return s


def decoded_png(src: str) -> Image.Image:
    assert src.startswith("data:image/png;base64,")
    try:
        data = base64.b64decode(src.split(",", 1)[1], validate=True)
    except binascii.Error as exc:  # pragma: no cover - the assertion names the problem
        raise AssertionError("bad base64") from exc
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_one_scenario_report_is_self_contained() -> None:
    scenario = scenario_from_dict(small_doc())
    text = build_report([scenario], seed=3)
    s = parse(text)
    assert s.external == []
    assert len(s.images) == 4  # cumulative, map, utilization, transit
    for src in s.images:
        assert decoded_png(src).size[0] >= 800
    assert {"Targets", "Service groups (over the measurement window)", "Terminals",
            "Flows (lots delivered in the window)", "Provenance"} <= set(s.captions)
    for target in ("sea_t_2025", "sea_teu", "boxes_days"):
        assert f"<td class=\"txt\">{target}</td>" in text
    assert scenario_hash(scenario) in text and "<td class=\"txt\">3</td>" in text
    assert "Bottleneck" in text


def test_report_values_match_the_run() -> None:
    scenario = scenario_from_dict(small_doc())
    runs = run_scenario(scenario, "small", "<Scenario>", replications=1, seed=3)
    from corridor_sim import simulate
    direct = simulate(scenario, seed=3)
    assert runs.first.kpis.equals(direct.kpis)  # one replication = the plain integer seed
    sea_teu = direct.kpi("group", "sea", "throughput_teu")
    text = build_report([scenario], seed=3)
    assert re.search(rf"<td class=\"txt\">sea</td><td class=\"num\">[0-9.]+</td>"
                     rf"<td class=\"num\">{sea_teu:,.0f}</td>", text)
    h = headline(direct)
    delivered = direct.kpi_table("flow")["throughput_t"].sum()
    assert h["delivered_t"] == pytest.approx(delivered)


def test_replications_give_intervals_and_probabilities() -> None:
    scenario = scenario_from_dict(small_doc())
    runs = run_scenario(scenario, "small", "<Scenario>", replications=3, seed=5)
    assert runs.replications == 3 and runs.seeds[2] == [5, 2]
    p = runs.target_probabilities().set_index("target")
    met = runs.target_runs.groupby("target")["met"].mean()
    assert p.loc["sea_teu", "p_met"] == pytest.approx(met["sea_teu"])
    table = comparison_table([runs])
    row = table[table["metric"] == "delivered_teu"].iloc[0]
    assert row["ci_low"] <= row["mean"] <= row["ci_high"] and row["unit"] == "TEU"
    assert set(runs.curves["replication"]) == {0, 1, 2}


def test_two_scenarios_with_replications_compare() -> None:
    base = scenario_from_dict(small_doc())
    bigger = small_doc()
    bigger["name"] = "bigger_fleet"
    bigger["services"]["port-hub"]["fleet"]["vehicles"] = 4
    text = build_report([base, scenario_from_dict(bigger)], replications=2, seed=1)
    s = parse(text)
    assert s.external == []
    assert len(s.images) == 1 + 2 * 4  # comparison + four per scenario
    assert "Headline figures per scenario" in s.captions
    assert "P(met) [95 % Wilson]" in text and "P(sea_teu)" in text


def test_report_cli(small_yaml: Path, tmp_path: Path) -> None:
    out = tmp_path / "r" / "report.html"
    res = runner.invoke(app, ["report", str(small_yaml), "--out", str(out), "--seed", "3"])
    assert res.exit_code == 0, res.output
    assert "wrote" in res.output and out.exists()
    assert len(parse(out.read_text(encoding="utf-8")).images) == 4
    res = runner.invoke(app, ["report", str(small_yaml), "--out", str(out)])
    assert res.exit_code == 2 and "--force" in res.output
    res = runner.invoke(app, ["report", str(small_yaml), "--out", str(out), "--force",
                              "--set", "run.horizon_days=30"])
    assert res.exit_code == 0, res.output


def test_report_cli_bad_scenario_exit_2(tmp_path: Path) -> None:
    doc = small_doc()
    doc["nodes"]["port"]["bearths"] = 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc))
    res = runner.invoke(app, ["report", str(bad), "--out", str(tmp_path / "x.html")])
    assert res.exit_code == 2
    assert "nodes.port.bearths" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "headless_shell"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is not installed")
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report([scenario_from_dict(small_doc())], seed=3), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([str(_chromium()), "--headless", "--disable-gpu", "--no-sandbox",
                    f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    with Image.open(shot) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # figures drawn, not a blank page


def test_bottlenecks_static_and_simulated() -> None:
    from corridor_sim import simulate
    from corridor_sim.plots.capacity_view import capacity_report, simulated_bottleneck

    scenario = scenario_from_dict(small_doc())
    results = simulate(scenario, seed=3)
    busiest = simulated_bottleneck(results)
    assert busiest is not None
    fleets = results.kpi_table("service")["fleet_utilization"]
    ports = results.kpi_table("node").loc[["port", "hub"], "berth_utilization"]
    assert busiest.utilization == pytest.approx(max(fleets.max(), ports.max()))
    assert busiest.name == str(fleets.idxmax())
    text = build_report([scenario], seed=3)
    assert busiest.text in text
    report = capacity_report(scenario)
    if report is not None and report.bottleneck is not None:
        assert f"static capacity (without simulating): {report.bottleneck}" in text
