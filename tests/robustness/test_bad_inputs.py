"""Every malformed scenario in tests/data/bad/ is refused with exit code 2 and one clear message.

``EXPECTED.yaml`` maps each file to a fragment that the message must contain (the field
path and what is wrong). Both ``validate`` and ``run --no-write`` are exercised: neither
may print a traceback or start simulating.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from corridor_sim.cli.app import app

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED: dict[str, str | list[str]] = yaml.safe_load((BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))
CASES = sorted(p.name for p in BAD.glob("*.yaml") if p.name != "EXPECTED.yaml"
               and not p.name.startswith("_"))

runner = CliRunner()


def test_corpus_is_indexed_and_large() -> None:
    assert set(CASES) == set(EXPECTED), "every bad file needs an EXPECTED.yaml entry"
    assert len(CASES) >= 50


def test_base_of_the_corpus_is_valid() -> None:
    res = runner.invoke(app, ["validate", str(BAD / "_base.yaml")])
    assert res.exit_code == 0, res.output


def assert_refused(res: Result, name: str, fragment: str | list[str]) -> None:
    """Exit 2, one ``error:`` message naming the file and the fragment, no traceback.

    A list of fragments: one of them (the message of the C parser or of the Python one).
    """
    stderr = res.stderr
    assert res.exit_code == 2, f"{name}: exit {res.exit_code}\n{res.output}"
    assert isinstance(res.exception, SystemExit)
    assert "Traceback" not in res.output
    assert stderr.startswith("error: ") and stderr.count("error: ") == 1, stderr
    assert name in stderr, stderr
    fragments = [fragment] if isinstance(fragment, str) else fragment
    assert any(f in stderr for f in fragments), f"expected {fragment!r} in:\n{stderr}"


@pytest.mark.parametrize("command", [["validate"], ["run", "--no-write"]], ids=["validate", "run"])
@pytest.mark.parametrize("name", CASES)
def test_bad_file_exits_2_naming_file_and_field(name: str, command: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    res = runner.invoke(app, [*command, name])
    assert_refused(res, name, EXPECTED[name])


SET_CASES = {
    "unknown-service": ("services.abx.fleet.vehicles=3",
                        "services.abx.fleet.vehicles: unknown path element 'abx' — did you mean 'ab'?"),
    "unknown-field": ("services.ab.fleet.vehicels=3",
                      "services.ab.fleet.vehicels: unknown field 'vehicels' — did you mean 'vehicles'?"),
    "unknown-top": ("rnu.horizon_days=3",
                    "rnu.horizon_days: unknown path element 'rnu' — did you mean 'run'?"),
    "no-equals": ("services.ab.fleet.vehicles", "--set: override 'services.ab.fleet.vehicles' is not"),
    "into-a-number": ("services.ab.fleet.vehicles.count=3", "'services.ab.fleet.vehicles' is not a mapping"),
    "bad-value": ("services.ab.fleet.vehicles=-3", "services.ab.fleet.vehicles: Input should be greater"),
    "bad-season": ("flows.f.seasonality=[1, 2]",
                   "flows.f.seasonality: seasonality needs 12 monthly values (January to December), got 2"),
}


@pytest.mark.parametrize("command", [["validate"], ["run", "--no-write"]], ids=["validate", "run"])
@pytest.mark.parametrize("case", sorted(SET_CASES))
def test_bad_set_exits_2_naming_path(case: str, command: list[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    override, fragment = SET_CASES[case]
    res = runner.invoke(app, [*command, "_base.yaml", "--set", override])
    assert_refused(res, "_base.yaml", fragment)


def test_missing_scenario_file(tmp_path: Path) -> None:
    res = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert_refused(res, "nope.yaml", "file not found")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_scenario_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text((BAD / "_base.yaml").read_text())
    path.chmod(0)
    res = runner.invoke(app, ["validate", str(path)])
    assert_refused(res, "locked.yaml", "cannot read")


def test_directory_as_scenario(tmp_path: Path) -> None:
    res = runner.invoke(app, ["validate", str(tmp_path)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert tmp_path.name in res.stderr
