"""The packaged emission factors: sources, arithmetic and how a leg's factor is chosen."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from corridor_sim.results.emissions import EmissionData, default_data, factor_g_per_tkm
from corridor_sim.scenario import scenario_from_dict
from corridor_sim.scenario.schema import CARGO_CLASSES
from tests.conftest import TINY


def _kg(g: float) -> str:
    """A g/t-km figure as DESNZ prints it in kg per tonne.km (0.02779)."""
    return f"{g / 1000:.5f}".rstrip("0")


def test_desnz_figures_match_their_citation() -> None:
    for name, f in default_data().factors.items():
        if f.g_per_tkm is None:
            assert "DESNZ25" in f.source, name
            assert _kg(f.ttw_g_per_tkm) in f.source, (name, _kg(f.ttw_g_per_tkm))
            assert _kg(f.wtt_g_per_tkm) in f.source, (name, _kg(f.wtt_g_per_tkm))
        else:
            assert "assumption" in f.source, name


def test_well_to_wheel_is_tank_to_wheel_plus_well_to_tank() -> None:
    rail = default_data().factors["rail_diesel"]
    assert rail.wtw_g_per_tkm == pytest.approx(27.79 + 6.91)
    assert default_data().factors["oil_pipeline"].wtw_g_per_tkm == 5.0


def test_every_mode_and_cargo_class_has_a_factor() -> None:
    data = default_data()
    for mode in data.modes:
        for cargo in CARGO_CLASSES:
            assert data.mode_g_per_tkm(mode, cargo) > 0


def scenario(country: str = "KZ", mode: str = "rail", **service: Any) -> Any:
    doc = copy.deepcopy(TINY)
    doc["nodes"]["a"]["country"] = country
    doc["services"]["ab"].update({"mode": mode, **service})
    return scenario_from_dict(doc)


def test_electric_rail_is_energy_times_grid_of_origin_country() -> None:
    data = default_data()
    ge = factor_g_per_tkm(scenario("GE"), "ab", "container")
    assert ge == pytest.approx(0.0112 * 167.02)
    assert data.rail_traction["GE"] == "electric" and data.rail_traction["KZ"] == "diesel"
    assert factor_g_per_tkm(scenario("KZ"), "ab", "dry_bulk") == pytest.approx(34.70)
    assert factor_g_per_tkm(scenario(""), "ab", "dry_bulk") == pytest.approx(34.70)


def test_vessel_type_follows_the_cargo_class() -> None:
    s = scenario(mode="feeder")
    assert factor_g_per_tkm(s, "ab", "container") == pytest.approx(36.75 + 8.33)
    assert factor_g_per_tkm(s, "ab", "dry_bulk") == pytest.approx(8.00 + 1.81)
    ferry = scenario(mode="rail_ferry")
    assert factor_g_per_tkm(ferry, "ab", "container") == factor_g_per_tkm(ferry, "ab", "dry_bulk")


def test_service_override_wins_for_every_mode() -> None:
    for mode in ("rail", "feeder", "pipeline"):
        s = scenario("GE", mode, emission_factor_g_per_tkm=12.5)
        assert factor_g_per_tkm(s, "ab", "container") == 12.5


def test_override_must_not_be_negative() -> None:
    with pytest.raises(Exception, match="emission_factor_g_per_tkm"):
        scenario(emission_factor_g_per_tkm=-1)


def raw_data() -> dict[str, Any]:
    from importlib import resources
    text = (resources.files("corridor_sim") / "data" / "emissions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["factors"]["rail_diesel"].update(g_per_tkm=30), "either g_per_tkm"),
    (lambda d: d["factors"]["rail_diesel"].pop("wtt_g_per_tkm"), "either g_per_tkm"),
    (lambda d: d["modes"]["feeder"].pop("default"), "modes.feeder needs a default"),
    (lambda d: d["modes"].pop("road"), "no factors for road"),
    (lambda d: d["modes"]["roro"].update(bulk="hgv_average"), "not a cargo class"),
    (lambda d: d["modes"]["roro"].update(default="ferry"), "unknown factor 'ferry'"),
    (lambda d: d["rail_traction"].update(XX="electric"), "no grid intensity"),
    (lambda d: d["factors"]["hgv_average"].update(colour="red"), "Extra inputs"),
])
def test_broken_factor_tables_are_rejected(edit: Any, message: str) -> None:
    doc = raw_data()
    EmissionData.model_validate(doc)
    edit(doc)
    with pytest.raises(ValidationError, match=message):
        EmissionData.model_validate(doc)
