"""``corridor-sim calibrate`` through typer's CliRunner, on tiny scenarios and specs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app

RATES = [0.05, 0.05, 0.03, 0.01, 0.01, 0.005, 0.005, 0.005, 0.01, 0.02, 0.3, 0.3]
FRACTIONS = [0.15, 0.15, 0.10, 0.04, 0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.5, 0.5]
# January–March 2025: 2160 h × availability / 25 h trips of 100 TEU; 7,000 TEU ⇔ 70 trips
QUARTER = {"name": "Q1 2025 TEU", "scope": "group:sea", "metric": "throughput_teu",
           "start": "2025-01-01", "end": "2025-04-01", "reported": 7000,
           "source": "closed form: 70 trips of 100 TEU"}


def _write(tmp_path: Path, feeder: dict[str, Any], spec: dict[str, Any]) -> tuple[Path, Path]:
    scenario = tmp_path / "feeder.yaml"
    scenario.write_text(yaml.safe_dump(feeder), encoding="utf-8")
    spec_file = tmp_path / "spec.yaml"
    spec_file.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return scenario, spec_file


def _short(tmp_path: Path, feeder: dict[str, Any], **spec_extra: Any) -> tuple[Path, Path]:
    """December 2024 warm-up and January–March 2025; a spec fitting the availability."""
    feeder["run"]["horizon_days"] = 121
    spec = {"name": "feeder", "replications": 2, "root_seed": 3, "tolerance": 0.01,
            "parameters": [{"name": "availability", "bounds": [0.3, 1.0], "start": 0.6,
                            "set": ["services.ab.fleet.availability"]}],
            "observations": [QUARTER],
            "checks": [{"scenario": "feeder.yaml", "tolerance": 0.5, "observations": [QUARTER]}],
            **spec_extra}
    return _write(tmp_path, feeder, spec)


def _stormy(tmp_path: Path, feeder: dict[str, Any]) -> tuple[Path, Path]:
    """A year at b under Kazakh-port storms, and a spec with a weather target."""
    feeder["nodes"]["b"]["weather"] = "caspian_kz"
    feeder["weather"] = {"caspian_kz": {"closure_starts_per_day": RATES,
                                        "duration_days": {"uniform": [2, 5]}}}
    year = {**QUARTER, "name": "2025 TEU", "end": "2026-01-01", "reported": 28000}
    spec = {"name": "stormy", "replications": 2, "root_seed": 3,
            "parameters": [{"name": "availability", "bounds": [0.3, 1.0], "start": 0.6,
                            "set": ["services.ab.fleet.availability"]}],
            "observations": [year],
            "weather": {"zone": "caspian_kz", "node": "b", "year": 2025, "closed_fraction": FRACTIONS}}
    return _write(tmp_path, feeder, spec)


def test_fit_check_and_write_the_document(tmp_path: Path, feeder: dict[str, Any]) -> None:
    scenario, spec = _short(tmp_path, feeder)
    doc = tmp_path / "docs" / "calibration.md"
    result = CliRunner().invoke(app, ["calibrate", str(scenario), "--spec", str(spec), "-n", "2",
                                      "--write", "--doc", str(doc)])
    assert result.exit_code == 0, result.output
    found = re.search(r"services.ab.fleet.availability = ([0-9.]+)", result.output)
    assert found is not None
    fitted = float(found[1])
    assert 70 * 25 / 2160 - 0.002 <= fitted < 71 * 25 / 2160  # 70 trips in the quarter
    text = doc.read_text(encoding="utf-8")
    row = f"| `availability` |  | `services.ab.fleet.availability` | [0.3, 1] | 0.6 | **{fitted:.4g}** |"
    assert row in text
    assert "| Q1 2025 TEU | `group:sea` | 7,000 TEU |" in text
    assert "not refitted" in text  # the spec's check of another scenario
    assert "| 2024 | 4.484 | 56,500 |" in text  # the TITR series


def test_no_fit_checks_the_values_in_the_file_and_the_storms(tmp_path: Path,
                                                           feeder: dict[str, Any]) -> None:
    scenario, spec = _stormy(tmp_path, feeder)
    doc = tmp_path / "calibration.md"
    result = CliRunner().invoke(app, ["calibrate", str(scenario), "--spec", str(spec), "--no-fit",
                                      "--write", "--doc", str(doc)])
    assert result.exit_code == 0, result.output
    assert "not re-fitted" in result.output and "OUT" in result.output  # ≤ 210 trips at 0.6
    assert "b closed days Nov" in result.output
    text = doc.read_text(encoding="utf-8")
    assert "## Caspian storms" in text and "| Nov | 15.00 | 0.2857 |" in text
    assert "one-port runs: days (95 % CI)" in text  # 15 × 2 runs of a one-port network


def test_weather_only_prints_the_fitted_rates(tmp_path: Path, feeder: dict[str, Any]) -> None:
    scenario, spec = _stormy(tmp_path, feeder)
    result = CliRunner().invoke(app, ["calibrate", str(scenario), "--spec", str(spec), "--weather"])
    assert result.exit_code == 0, result.output
    assert "closure_starts_per_day: [0.043, 0.0509," in result.output
    assert "year          49.2" in result.output


@pytest.mark.parametrize("change, message", [
    ({"parameters": [{"name": "x", "bounds": [1, 3], "start": 2,
                      "set": ["services.nope.fleet.vehicles"]}]}, "services.nope"),
    ({"observations": [{**QUARTER, "start": "2024-06-01"}]}, "outside the measured part"),
    ({"parameters": [{"name": "x", "bounds": [1, 3]}]}, "start"),
    ({"weather": {"zone": "caspian_kz", "node": "b", "year": 2025, "closed_fraction": [0.1]}},
     "12 monthly values"),
])
def test_bad_specs_exit_2_with_a_message(tmp_path: Path, feeder: dict[str, Any],
                                         change: dict[str, Any], message: str) -> None:
    scenario, spec = _short(tmp_path, feeder, **change)
    result = CliRunner().invoke(app, ["calibrate", str(scenario), "--spec", str(spec), "-n", "2"])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_scenario_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["calibrate", str(tmp_path / "none.yaml"), "--weather"])
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_checks_run_on_the_independent_seeds_and_the_page_is_stamped(
        tmp_path: Path, feeder: dict[str, Any]) -> None:
    from corridor_sim.calibration import calibrate as run_calibration
    from corridor_sim.calibration import check, load_spec
    from corridor_sim.scenario import load_scenario
    from corridor_sim.stamp import read_stamp, stale

    feeder["flows"]["f"].update(annual_teu=20_000, arrival="poisson")  # below capacity: random
    scenario, spec_file = _short(tmp_path, feeder, check_seed=11)
    spec = load_spec(spec_file)
    report = run_calibration(scenario, spec, refit=False)
    s = load_scenario(scenario)
    on_check = check(s, spec.observations, spec.tolerance, 2, root_seed=11)
    on_fit = check(s, spec.observations, spec.tolerance, 2, root_seed=3)
    assert report.check_main["mean"].tolist() == on_check["mean"].tolist()
    assert report.check_main["mean"].tolist() != on_fit["mean"].tolist()
    assert report.identification is not None and report.identification.names == ("availability",)
    doc = tmp_path / "calibration.md"
    result = CliRunner().invoke(app, ["calibrate", str(scenario), "--spec", str(spec_file),
                                      "--no-fit", "--write", "--doc", str(doc), "-q"])
    assert result.exit_code == 0, result.output
    text = doc.read_text(encoding="utf-8")
    assert read_stamp(text) is not None and stale(text, tmp_path) == []
    assert "root seed 11" in text and "## What the data pins down" in text
    assert (tmp_path / "calibration_fit.yaml").is_file()  # beside a doc that is not the default
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert stale(text, tmp_path) == ["input feeder.yaml changed"]


def test_scenario_paths_resolve_from_any_directory(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from corridor_sim.calibration.paths import SOURCE_ROOT, resolve_scenario

    monkeypatch.chdir(tmp_path)
    shipped = SOURCE_ROOT / "scenarios" / "baseline_2024.yaml"
    assert resolve_scenario("scenarios/baseline_2024.yaml") == shipped
    assert resolve_scenario("baseline_2022.yaml") == SOURCE_ROOT / "scenarios" / "baseline_2022.yaml"
    (tmp_path / "mine.yaml").write_text("name: x\n", encoding="utf-8")
    assert resolve_scenario("mine.yaml") == Path("mine.yaml")  # an explicit path wins
