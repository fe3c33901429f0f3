"""The choice commands (CliRunner), bad input, and the Bulgarian scenario files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim import load_scenario
from corridor_sim.cli.app import app
from corridor_sim.experiments.choice_compare import capacity_needs, scale_sensitivity
from corridor_sim.network import resolve_routes
from corridor_sim.scenario import ScenarioError, scenario_from_dict
from corridor_sim.scenario.schema import RouteChoice
from tests.choice.networks import two_routes, two_servers

runner = CliRunner()
SCENARIOS = Path(__file__).parents[2] / "scenarios"
BULGARIA = SCENARIOS / "bulgaria"
FILES = sorted(BULGARIA.glob("*.yaml"))
COMPARISON = ["constanta_only", "varna_feeder", "varna_rail_ferry", "burgas_ferry", "all"]


@pytest.fixture(autouse=True)
def _no_extends_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """scenarios/bulgaria/ extends ../target_2025.yaml, inside the project root: no
    CORRIDOR_SIM_EXTENDS_PATH needed."""
    monkeypatch.delenv("CORRIDOR_SIM_EXTENDS_PATH", raising=False)


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_equilibrate_prints_the_shares(tmp_path: Path) -> None:
    doc = two_servers(1.5, 1.5, 1.0, {"scale_per_usd_t": 2.0, "value_of_time_usd_per_t_h": 1.0},
                      horizon_days=20)
    res = runner.invoke(app, ["equilibrate", str(_write(tmp_path, doc)), "-n", "1",
                              "--iterations", "2"])
    assert res.exit_code == 0, res.output
    assert "o>x>d" in res.output and "o>y>d" in res.output
    assert "iteration 1: gap" in res.output


def test_equilibrate_without_a_choice_exits_2(tmp_path: Path) -> None:
    doc = two_routes(1.0, 2.0, 0.1)
    doc["flows"]["f"]["route"] = [["o", "x", "d"][0], "x", "d"]
    res = runner.invoke(app, ["equilibrate", str(_write(tmp_path, doc))])
    assert res.exit_code == 2
    assert "no flow whose route is a choice" in res.output
    assert "Traceback" not in res.output


def test_an_unknown_node_in_an_alternative_names_its_field(tmp_path: Path) -> None:
    doc = two_routes(1.0, 2.0, 0.1)
    doc["flows"]["f"]["route"]["alternatives"][1] = ["o", "nowhere", "d"]
    res = runner.invoke(app, ["validate", str(_write(tmp_path, doc))])
    assert res.exit_code == 2
    assert "flows.f.route.alternatives.1.1" in res.output


def test_a_choice_with_no_route_is_a_scenario_error() -> None:
    doc = two_routes(1.0, 2.0, 0.1)
    doc["flows"]["f"]["route"] = {"choice": "logit"}
    for key in ("xd", "yd"):
        doc["services"][key]["cargo"] = ["container"]
        doc["services"][key]["fleet"] = {"vehicles": 1, "capacity_teu": 10}
    with pytest.raises(ScenarioError) as err:
        resolve_routes(scenario_from_dict(doc))
    assert "flows.f" in str(err.value)


def test_enumerated_alternatives_are_the_cheapest_paths() -> None:
    doc = two_routes(1.0, 2.0, 0.1)
    doc["flows"]["f"]["route"] = {"choice": "logit", "max_routes": 1}
    (only,) = resolve_routes(scenario_from_dict(doc))["f"]
    assert only.nodes == ("o", "x", "d") and only.share == 1.0


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bulgarian_scenarios_load_and_source_their_choices(path: Path) -> None:
    s = load_scenario(path)
    routes = resolve_routes(s)
    choosing = [k for k, f in s.flows.items() if isinstance(f.route, RouteChoice)]
    assert choosing
    for key in choosing:
        assert "route" in s.flows[key].sources
        assert sum(r.share for r in routes[key]) == pytest.approx(1.0)


def test_the_comparison_set_is_shipped_and_bulgarian_lines_are_on_its_routes() -> None:
    assert set(COMPARISON) <= {p.stem for p in FILES}
    s = load_scenario(BULGARIA / "all.yaml")
    cap = capacity_needs(s, "eu", "BG")
    demand = sum(f.annual_teu or 0.0 for f in s.flows.values()
                 if f.destination == "eu" and f.cargo == "container")
    labels = " ".join(cap["label"])
    for line in ("poti-varna", "poti-varna-rail-ferry", "varna-gauge-change",
                 "batumi-burgas-ferry"):
        assert line in labels
    assert cap["need_teu_25pct"].to_numpy() == pytest.approx(0.25 * demand)
    assert (cap["times_50pct"] * cap["capacity_teu_per_year"]).to_numpy() == pytest.approx(
        0.5 * demand)


def test_the_bulgarian_share_grows_with_the_logit_scale_towards_the_cheapest() -> None:
    sens = scale_sensitivity(load_scenario(BULGARIA / "burgas_ferry.yaml"), "BG")
    china = sens[sens["flow"] == "china-eu-containers"].sort_values("scale_per_usd_t")
    shares = china["share"].to_numpy()
    # the Burgas routes cost more a priori: a sharper choice gives them less
    assert (shares[1:] <= shares[:-1] + 1e-12).all() and shares[0] < 0.5
