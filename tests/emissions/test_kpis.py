"""Emission KPIs: hand-computed on a two-node line, sums over scopes, the CLI shows them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim import simulate
from corridor_sim.cli.app import app
from corridor_sim.results.emissions import emission_kpis, leg_emissions
from corridor_sim.scenario import scenario_from_dict
from tests.conftest import TINY

FEEDER_G = 36.75 + 8.33  # DESNZ 2025 container ship 0-999 TEU, TTW + WTT


def test_two_node_line_by_hand(tiny: dict) -> None:
    """Lots of 24 t every 10 h from 10 h; sailings every 24 h take what waits.

    Sailings at 24, 48, 72, 96 h carry 2, 2, 3, 2 lots (the one at 120 h is past the
    5-day horizon): 9 × 24 t × 500 km = 108,000 t-km; × 45.08 g = 4.86864 t CO2e.
    """
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r.trips["depart_h"].tolist() == [24.0, 48.0, 72.0, 96.0]
    for scope, name in (("flow", "f"), ("service", "ab"), ("group", "sea"), ("total", "all")):
        assert r.kpi(scope, name, "transport_tkm") == pytest.approx(108_000)
        assert r.kpi(scope, name, "emissions_t_co2e") == pytest.approx(108_000 * FEEDER_G / 1e6)
        assert r.kpi(scope, name, "emissions_g_per_tkm") == pytest.approx(FEEDER_G)


def test_override_factor_and_window(tiny: dict) -> None:
    """A 50 g/t-km override; a 2-day warm-up drops the sailing at 24 h (48 h is in)."""
    tiny["services"]["ab"]["emission_factor_g_per_tkm"] = 50.0
    tiny["run"]["warmup_days"] = 2
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r.kpi("flow", "f", "transport_tkm") == pytest.approx(7 * 24 * 500)
    assert r.kpi("flow", "f", "emissions_t_co2e") == pytest.approx(7 * 24 * 500 * 50 / 1e6)


def chain(doc: dict[str, Any]) -> dict[str, Any]:
    """Feeder a→b (500 km), then an electric Georgian train b→c (550 km), Poisson arrivals."""
    doc["nodes"]["b"].update({"yard_teu": 100, "dwell_h": 2, "country": "GE"})
    doc["nodes"]["c"] = {"kind": "zone", "lat": 41.7, "lon": 44.8}
    doc["services"]["bc"] = {
        "mode": "rail", "from": "b", "to": "c", "distance_km": 550, "transit_h": 20,
        "groups": ["land"], "fleet": {"vehicles": 2, "capacity_teu": 8},
        "departure": {"fill": 1.0, "max_wait_h": 12}}
    doc["flows"]["f"].update({"destination": "c", "arrival": "poisson"})
    doc["flows"]["g"] = {**doc["flows"]["f"], "destination": "b", "annual_teu": 800}
    doc["run"].update({"horizon_days": 40, "warmup_days": 5})
    return doc


def test_scopes_add_up_and_ratios_hold(tiny: dict) -> None:
    r = simulate(scenario_from_dict(chain(tiny)), seed=3)
    k = r.kpis.set_index(["scope", "name", "metric"])["value"]
    for metric in ("transport_tkm", "emissions_t_co2e"):
        total = k[("total", "all", metric)]
        assert total > 0
        assert sum(k[("flow", n, metric)] for n in ("f", "g")) == pytest.approx(total)
        assert sum(k[("service", n, metric)] for n in ("ab", "bc")) == pytest.approx(total)
        assert k[("group", "land", metric)] == pytest.approx(k[("service", "bc", metric)])
    for scope, name in (("flow", "f"), ("service", "bc"), ("total", "all")):
        ratio = k[(scope, name, "emissions_t_co2e")] * 1e6 / k[(scope, name, "transport_tkm")]
        assert k[(scope, name, "emissions_g_per_tkm")] == pytest.approx(ratio)
    assert k[("service", "bc", "emissions_g_per_tkm")] == pytest.approx(0.0112 * 167.02)
    assert k[("flow", "g", "emissions_g_per_tkm")] == pytest.approx(FEEDER_G)


def test_legs_in_window_times_distance(tiny: dict) -> None:
    """Recount from the legs table: t of legs departing in the window × km of their service."""
    s = scenario_from_dict(chain(tiny))
    r = simulate(s, seed=5)
    t0, t1 = r.meta["window_h"]
    legs = r.legs[(r.legs["depart_h"] >= t0) & (r.legs["depart_h"] < t1)]
    km = legs["service"].astype(str).map({"ab": 500.0, "bc": 550.0})
    assert r.kpi("total", "all", "transport_tkm") == pytest.approx((legs["t"] * km).sum())
    e = leg_emissions(s, r.legs, t0, t1)
    assert set(e["service"]) == {"ab", "bc"} and (e["t_co2e"] > 0).all()


def test_no_cargo_gives_zero_and_nan_ratio(tiny: dict) -> None:
    s = scenario_from_dict(tiny)
    empty = pd.DataFrame({"service": pd.Categorical([]), "flow": pd.Categorical([]),
                          "t": np.zeros(0), "depart_h": np.zeros(0)})
    rows = {(sc, n, m): v for sc, n, m, v, _ in emission_kpis(s, empty, 0, 100)}
    assert rows[("flow", "f", "emissions_t_co2e")] == 0.0
    assert np.isnan(rows[("total", "all", "emissions_g_per_tkm")])


runner = CliRunner()


def test_cli_shows_emissions(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(copy.deepcopy(TINY)))
    res = runner.invoke(app, ["run", str(path), "--no-write", "--seed", "0"])
    assert res.exit_code == 0, res.output
    assert "Emissions (well-to-wheel" in res.output
    line = next(x for x in res.output.splitlines() if "total" in x and "45.1" in x)
    assert "0.1" in line  # 108,000 t-km = 0.1 million t-km
    res = runner.invoke(app, ["run", str(path), "--no-write", "--json", "--seed", "0"])
    data = json.loads(res.output)
    assert data["flows"]["f"]["emissions_t_co2e"] == pytest.approx(108_000 * FEEDER_G / 1e6)
    assert data["groups"]["sea"]["emissions_g_per_tkm"] == pytest.approx(FEEDER_G)
