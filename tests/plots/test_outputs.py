"""``run --plots --geojson --format both``: valid PNG, SVG, GeoJSON and Parquet, all or nothing."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from PIL import Image
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.plots import FIGURE_NAMES, network_geojson
from corridor_sim.plots.style import REPORT_DPI
from corridor_sim.results import Results
from corridor_sim.results.export import write_results
from corridor_sim.results.formats import BIG_TABLES

runner = CliRunner()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_run_writes_figures_geojson_and_parquet(small_yaml: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(app, ["run", str(small_yaml), "--out", str(out), "--seed", "3",
                              "--plots", "--geojson", "--format", "both"])
    assert res.exit_code == 0, res.output
    for name in FIGURE_NAMES:
        png = out / "figures" / f"{name}.png"
        assert png.read_bytes()[:8] == PNG_SIGNATURE
        with Image.open(png) as img:
            img.verify()
        with Image.open(png) as img:
            assert img.size[0] == 8 * REPORT_DPI and img.size[1] >= 5 * REPORT_DPI
        root = ET.parse(out / "figures" / f"{name}.svg").getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
    doc = json.loads((out / "network.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and doc["corridor_sim"]["seed"] == 3
    lots = pd.read_parquet(out / "lots.parquet")
    csv = pd.read_csv(out / "lots.csv")
    assert len(lots) == len(csv) and lots["t"].sum() == pytest.approx(csv["t"].sum())
    assert list(lots.columns) == list(csv.columns)


def test_without_options_no_extra_files(small_yaml: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    res = runner.invoke(app, ["run", str(small_yaml), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert not (out / "figures").exists() and not (out / "network.geojson").exists()
    assert sorted(p.stem for p in out.glob("*.parquet")) == sorted(BIG_TABLES)
    assert not any((out / f"{name}.csv").exists() for name in BIG_TABLES)


def test_failing_extra_leaves_no_output(small_results: Results, tmp_path: Path) -> None:
    def broken(directory: Path) -> None:
        (directory / "half.png").write_bytes(b"")
        raise RuntimeError("figure failed")

    out = tmp_path / "atomic"
    with pytest.raises(RuntimeError, match="figure failed"):
        write_results(small_results, out, extra=broken)
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def strict_json(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


def test_geojson_structure_and_values(small_results: Results) -> None:
    doc = strict_json(json.dumps(network_geojson(small_results)))
    scenario = small_results.scenario
    assert doc["type"] == "FeatureCollection"
    features = doc["features"]
    assert len(features) == len(scenario.nodes) + len(scenario.services)
    points = {f["id"]: f for f in features if f["geometry"]["type"] == "Point"}
    lines = {f["id"]: f for f in features if f["geometry"]["type"] == "LineString"}
    assert set(points) == set(scenario.nodes) and set(lines) == set(scenario.services)
    for key, f in points.items():
        node = scenario.nodes[key]
        assert f["type"] == "Feature"
        assert f["geometry"]["coordinates"] == [node.lon, node.lat]  # [lon, lat]
        assert f["properties"]["kind"] == node.kind
        assert f["properties"]["throughput_t"] == small_results.kpi("node", key, "throughput_t")
    port = points["port"]["properties"]
    assert port["berth_utilization"] == pytest.approx(
        small_results.kpi("node", "port", "berth_utilization"))
    assert points["west"]["properties"]["yard_teu"] is None  # unbounded: null, not NaN
    for key, f in lines.items():
        svc = scenario.services[key]
        a, b = scenario.nodes[svc.from_], scenario.nodes[svc.to]
        assert f["geometry"]["coordinates"] == [[a.lon, a.lat], [b.lon, b.lat]]
        p = f["properties"]
        assert (p["mode"], p["distance_km"], p["vehicles"]) == (svc.mode, svc.distance_km,
                                                               svc.fleet.vehicles)
        assert p["throughput_teu"] == small_results.kpi("service", key, "throughput_teu")
        assert p["fleet_utilization"] == pytest.approx(
            small_results.kpi("service", key, "fleet_utilization"))
        assert "capacity_t_per_year" in p
    for f in features:
        lon, lat = (f["geometry"]["coordinates"] if f["geometry"]["type"] == "Point"
                    else f["geometry"]["coordinates"][0])
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_validates_with_the_geojson_package(small_results: Results) -> None:
    geojson = pytest.importorskip("geojson")
    obj = geojson.loads(json.dumps(network_geojson(small_results)))
    assert obj.is_valid, obj.errors()


def test_geojson_carries_static_capacity(small_results: Results) -> None:
    capacity = pytest.importorskip("corridor_sim.capacity")
    elements = capacity.capacity_bounds(small_results.scenario).elements
    doc = network_geojson(small_results)
    by_id = {f["id"]: f["properties"] for f in doc["features"]}
    svc = elements[(elements["element_kind"] == "service") & (elements["name"] == "port-hub")]
    assert by_id["port-hub"]["capacity_t_per_year"] == pytest.approx(
        float(svc["capacity_t_per_year"].iloc[0]))
    assert by_id["port-hub"]["capacity_utilization"] == pytest.approx(
        float(svc["utilization"].iloc[0]))
    port = elements[(elements["element_kind"] != "service") & (elements["name"] == "port")]
    assert by_id["port"]["capacity_t_per_year"] == pytest.approx(
        float(port["capacity_t_per_year"].min()))
    bare = network_geojson(small_results, with_capacity=False)
    assert all(f["properties"]["capacity_t_per_year"] is None for f in bare["features"])
