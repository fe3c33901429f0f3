"""The scenario library: every file validates and runs; each says where its figures come
from; the arithmetic in the headers holds; and each scenario changes what it claims to.

Directional checks compare scenario fields (capacities after the timeline, expected
storm days from the closure rates), not noisy simulation outputs.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim import load_scenario, simulate
from corridor_sim.cli.app import app
from corridor_sim.scenario.schema import Scenario, WeatherZone

SCENARIOS = Path(__file__).parents[2] / "scenarios"
FILES = sorted(SCENARIOS.glob("*.yaml"))
LIBRARY = ["aktau_hub", "sarzha", "caspian_winter", "fleet_2027", "growth_2030"]
# Fields that name things rather than state figures: no source needed.
NAMING = {"name", "description", "sources", "origin", "destination", "cargo", "groups",
          "mode", "from", "to", "kind", "lat", "lon", "country", "extends", "enabled"}

runner = CliRunner()


def scenario(stem: str, *overrides: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{stem}.yaml", overrides=list(overrides))


def test_library_is_shipped() -> None:
    assert set(LIBRARY) <= {p.stem for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_scenario_validates(path: Path) -> None:
    s = load_scenario(path)
    assert s.name == path.stem
    assert s.flows and s.targets


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_scenario_runs_short_from_the_cli(path: Path) -> None:
    res = runner.invoke(app, ["run", str(path), "--no-write", "--seed", "1",
                              "--set", "run.horizon_days=60", "--set", "run.warmup_days=10"])
    assert res.exit_code == 0, res.output
    assert "cargo conservation: ok" in res.output


@pytest.mark.parametrize("stem", LIBRARY)
def test_header_names_the_file_and_its_question(stem: str) -> None:
    text = (SCENARIOS / f"{stem}.yaml").read_text(encoding="utf-8")
    assert text.startswith(f"# {stem}.yaml — ")
    assert "Question" in text.split("\nextends:")[0]


@pytest.mark.parametrize("stem", LIBRARY)
def test_every_changed_figure_has_a_source(stem: str) -> None:
    doc = yaml.safe_load((SCENARIOS / f"{stem}.yaml").read_text(encoding="utf-8"))
    for table in ("nodes", "services", "flows", "weather"):
        for name, item in (doc.get(table) or {}).items():
            figures = set(item) - NAMING
            assert figures <= set(item.get("sources", {})), (table, name, figures)
    for change in doc.get("timeline", []):
        assert len(change.get("note", "")) > 20, change


def after_timeline(s: Scenario) -> dict[str, Any]:
    """Every field the timeline sets, at its last value (dotted path → value)."""
    final: dict[str, Any] = {}
    for change in sorted(s.timeline, key=lambda c: c.date):
        final.update(change.set)
    return final


def westbound(s: Scenario) -> list[Any]:
    """The scenario's flows that are not eastbound (the return legs' cargo)."""
    return [f for f in s.flows.values() if "eastbound" not in f.groups]


def final_value(s: Scenario, path: str) -> Any:
    value = after_timeline(s).get(path)
    if value is not None:
        return value
    obj: Any = s
    for part in path.split("."):
        obj = obj[part] if isinstance(obj, dict) else getattr(obj, part)
    return obj


def expected_closed_days(zone: WeatherZone, year: int = 2025) -> float:
    """Σ months f × days with f = r d / (1 + r d), the closed fraction of alternating periods."""
    d = zone.duration_days.mean
    return sum(r * d / (1 + r * d) * calendar.monthrange(year, m + 1)[1]
               for m, r in enumerate(zone.closure_starts_per_day))


def test_caspian_winter_closes_the_ports_longer() -> None:
    base, winter = scenario("target_2025"), scenario("caspian_winter")
    assert expected_closed_days(base.weather["caspian_kz"]) == pytest.approx(49, abs=1.5)
    assert expected_closed_days(winter.weather["caspian_kz"]) == pytest.approx(70, abs=1.5)
    assert expected_closed_days(winter.weather["caspian_az"]) == pytest.approx(31, abs=1.5)
    for zone in ("caspian_kz", "caspian_az"):
        b, w = base.weather[zone], winter.weather[zone]
        assert w.duration_days.mean > b.duration_days.mean
        assert all(x >= y * 0.999 for x, y in zip(w.closure_starts_per_day[:3],
                                                    b.closure_starts_per_day[:3]))
        assert expected_closed_days(w) > expected_closed_days(b) + 10
    assert winter.flows == base.flows and winter.services == base.services


def feeder_teu(s: Scenario) -> float:
    key = "services.aktau-alat-feeder.fleet"
    return final_value(s, f"{key}.vehicles") * final_value(s, f"{key}.capacity_teu")


def test_fleet_2027_adds_the_sourced_ships() -> None:
    base, fleet = scenario("target_2025"), scenario("fleet_2027")
    assert feeder_teu(base) == 6 * 300
    assert feeder_teu(fleet) == pytest.approx(6 * 300 + 2 * 700 + 6 * 300, rel=1e-3)
    assert final_value(fleet, "services.aktau-alat-feeder.fleet.vehicles") == 14
    teu = sum(f.annual_teu or 0 for f in westbound(fleet))
    assert teu == pytest.approx(143_000, abs=1)


def test_fleet_2027_timeline_grows_the_fleet_in_a_run() -> None:
    """A short run across 1 Jan 2027: the feeder fleet goes from 6 to 8 ships."""
    s = scenario("fleet_2027", "run.start=2026-12-01", "run.horizon_days=45",
                 "run.warmup_days=5")
    ed = simulate(s, seed=2).edges_daily
    fleet = ed[ed["service"] == "aktau-alat-feeder"].set_index("date")["vehicles"]
    assert fleet[:"2026-12-30"].max() == 6 and fleet["2027-01-01":].min() == 8


def test_aktau_hub_phase_two_raises_handling_and_yard() -> None:
    base, hub = scenario("target_2025"), scenario("aktau_hub")
    rate = "nodes.aktau.handling.container_teu_per_h"
    assert final_value(hub, rate) == 41 > final_value(base, rate) == 24
    assert final_value(hub, "nodes.aktau.yard_teu") > final_value(base, "nodes.aktau.yard_teu")
    assert round(240_000 / (8760 * 0.67)) == 41  # the header's derivation
    assert sum(f.annual_teu or 0 for f in westbound(hub)) == 100_000
    off = scenario("aktau_hub", "timeline.2.date=2027-06-01")
    assert off.timeline[2].date > dt.date(2026, 12, 31)  # the documented comparison


def test_sarzha_adds_berths_ferries_and_bulk() -> None:
    base, sarzha = scenario("target_2025"), scenario("sarzha")
    assert final_value(sarzha, "nodes.kuryk.berths") == 10 > final_value(base, "nodes.kuryk.berths")
    ferry = "services.kuryk-alat-ferry.fleet"

    def wagons(s: Scenario) -> float:
        fleet = s.services["kuryk-alat-ferry"].fleet
        assert final_value(s, f"{ferry}.vehicles") == fleet.vehicles
        return sum(c.vehicles * (c.capacity_wagons or 0) for c in fleet.class_list())

    assert wagons(sarzha) == 9 * 46 + 6 * 27 > wagons(base) == 3 * 46 + 9 * 27

    def kuryk_bulk_t(s: Scenario) -> float:
        return sum((f.annual_t or 0) * share for f in s.flows.values() if f.cargo == "dry_bulk"
                   for nodes, share in routes_of(f) if "kuryk" in nodes)

    assert kuryk_bulk_t(sarzha) == pytest.approx(kuryk_bulk_t(base) + 800_000)


def routes_of(f: Any) -> list[tuple[list[str], float]]:
    """A flow's explicit routes with their shares of its volume."""
    if f.route == "auto":
        return []
    if isinstance(f.route[0], str):
        return [(list(f.route), 1.0)]
    total = sum(r.share for r in f.route)
    return [(r.route, r.share / total) for r in f.route]


def test_growth_2030_reaches_the_aims_in_demand() -> None:
    s = scenario("growth_2030")
    end = s.run.start + dt.timedelta(days=s.run.horizon_days)
    assert end == dt.date(2031, 1, 1)
    assert s.run.start + dt.timedelta(days=s.run.warmup_days) == dt.date(2025, 1, 1)
    five = {n: (1 + f.growth_per_year) ** 5 for n, f in s.flows.items()}
    teu_2030 = sum((f.annual_teu or 0) * five[n] for n, f in s.flows.items())
    t_2030 = sum((f.annual_teu * f.t_per_teu if f.annual_teu else f.annual_t or 0) * five[n]
                 for n, f in s.flows.items())
    assert teu_2030 == pytest.approx(300_000, rel=0.005)
    assert 10e6 <= t_2030 <= 11e6
    years = {t.year for t in s.targets.values()}
    assert 2030 in years
    assert final_value(s, "nodes.alat.capacity_teu_per_year") == 500_000
    assert feeder_teu(s) == pytest.approx(5000, rel=1e-3)
