"""The storm model: renewal arithmetic, the fit of the monthly rates, and the shipped rates."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from corridor_sim.calibration import Observation, closed_days_by_month, fit_closure_rates, fit_weather
from corridor_sim.calibration.observe import observe
from corridor_sim.calibration.record import KZ_CLOSED_FRACTION, KZ_DURATION_DAYS
from corridor_sim.calibration.weather import days_in_months, steady_state_fraction, survival
from corridor_sim.scenario import Dist, load_scenario, scenario_from_dict

NETWORK = Path(__file__).resolve().parents[2] / "corridor_sim" / "data" / "network.yaml"
UNIFORM_2_5 = Dist.model_validate(KZ_DURATION_DAYS)


def test_constant_rate_gives_the_stationary_fraction() -> None:
    # A year at one rate: closed fraction r d / (1 + r d) in every month (renewal theory).
    d = Dist.model_validate({"fixed": 2.0})
    days = closed_days_by_month([0.3] * 12, d, 2025)
    assert days / days_in_months(2025) == pytest.approx(np.full(12, 0.6 / 1.6), rel=2e-3)
    assert steady_state_fraction([0.3], d)[0] == pytest.approx(0.375)


def test_survival_functions_match_their_distributions() -> None:
    ages = np.array([0.0, 1.0, 2.0, 3.5, 5.0, 6.0])
    assert survival(UNIFORM_2_5, ages) == pytest.approx([1, 1, 1, 0.5, 0, 0])
    tri = Dist.model_validate({"triangular": [0, 0, 2]})
    assert survival(tri, np.array([1.0]))[0] == pytest.approx(0.25)
    expo = Dist.model_validate({"exponential": 2.0})
    assert survival(expo, np.array([2.0]))[0] == pytest.approx(np.exp(-1))


def test_rates_are_recovered_from_the_closed_days_they_give() -> None:
    truth = np.array([0.05, 0.04, 0.03, 0.01, 0.01, 0.005, 0.005, 0.005, 0.01, 0.02, 0.3, 0.25])
    target = closed_days_by_month(truth, UNIFORM_2_5, 2025)
    fitted = fit_closure_rates(target, UNIFORM_2_5, 2025)
    assert fitted == pytest.approx(truth, rel=0.005)


def test_kazakh_ports_fit_matches_the_target_profile_and_the_facts() -> None:
    w = fit_weather(KZ_CLOSED_FRACTION, UNIFORM_2_5, 2024)
    assert w.fitted_days == pytest.approx(w.target_days, rel=0.005)
    assert 40 <= w.fitted_days.sum() <= 55                      # ~40–55 closed days a year
    assert w.fitted_days[10:].sum() == pytest.approx(30.5, abs=0.2)  # ~30 in Nov–Dec
    assert w.fitted_days[10] / 30 == pytest.approx(0.5, abs=0.005)  # Kuryk half of November
    # the long-month formula misses: December's storms run into January
    assert w.steady_days[0] > w.target_days[0] * 1.1


def test_network_file_holds_the_fitted_rates() -> None:
    zone = load_scenario(NETWORK).weather["caspian_kz"]
    w = fit_weather(KZ_CLOSED_FRACTION, zone.duration_days, 2024)
    assert zone.closure_starts_per_day == pytest.approx(list(w.rates), rel=1e-9)


def test_simulated_closed_days_agree_with_the_renewal_arithmetic() -> None:
    # November–January: the November ramp-up and December's storms running into January
    rates = [0.08, 0.08, 0.05, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05, 0.3, 0.3]
    doc: dict[str, Any] = {
        "run": {"start": "2024-10-01", "horizon_days": 123, "warmup_days": 31},
        "weather": {"kz": {"closure_starts_per_day": rates, "duration_days": {"uniform": [2, 5]}}},
        "nodes": {"a": {"kind": "zone", "lat": 43, "lon": 51},
                  "k": {"kind": "seaport", "lat": 43.2, "lon": 51.7, "weather": "kz"}},
        "services": {"ak": {"mode": "feeder", "from": "a", "to": "k", "distance_km": 10,
                            "transit_h": 1, "fleet": {"vehicles": 1, "capacity_teu": 10}}},
        "flows": {"f": {"origin": "a", "destination": "k", "cargo": "container", "annual_teu": 10}},
    }
    nov_dec = Observation("Nov-Dec", "node:k", "closed_days", dt.date(2024, 11, 1),
                          dt.date(2025, 1, 1), 1, "x")
    jan = Observation("Jan", "node:k", "closed_days", dt.date(2025, 1, 1), dt.date(2025, 2, 1), 1, "x")
    sim = observe(scenario_from_dict(copy.deepcopy(doc)), (nov_dec, jan), 24, 11)
    expected = (closed_days_by_month(rates, UNIFORM_2_5, 2024)[10:].sum(),
                closed_days_by_month(rates, UNIFORM_2_5, 2025)[0])
    for column, value in enumerate(expected):
        x = sim[:, column]
        half = 4.0 * x.std(ddof=1) / np.sqrt(len(x))  # 4 standard errors: no flakes
        assert abs(x.mean() - value) < half, (x.mean(), value, half)
