"""The record the default network is calibrated to, and the 2024 calibration spec.

Series: the Kazakh Ministry of Transport TITR series (corridor_sim/data/facts.md ref 1,
Report.az 2026-03-10): tonnes across the Caspian, all cargo including Kazakh oil;
TEU as containers through the Kazakh/Azerbaijani seaports (refs 1, 3, 12; 2022:
refs 1, 11). The 2023 TEU figure is on another counting basis and is not used.
Both directions count (the series is all TITR cargo): the fitted factors scale the
westbound flows; the eastbound flows (assumptions, scenarios/baseline_2024.yaml) are
carried on the fleets' return legs and stay as written.
"""

from __future__ import annotations

import datetime as dt

from corridor_sim.calibration.prose import WHY_2022, WHY_2023
from corridor_sim.calibration.record_terminals import KURYK_2023_OBS, OPERATORS_2024, TERMINALS_2024
from corridor_sim.calibration.spec import (
    CalibrationSpec,
    Check,
    Observation,
    Parameter,
    Probe,
    WeatherTarget,
)

D = dt.date
GROUP = "group:trans_caspian"
REF1 = "ref 1 Report.az 2026-03-10 (Kazakh Ministry of Transport TITR series)"

# year → (Mt, TEU or None): the TITR series, facts: Corridor volumes.
TITR_SERIES: dict[int, tuple[float, float | None]] = {
    2019: (0.759, None), 2020: (0.783, None), 2021: (0.586, 25_200), 2022: (1.485, 33_600),
    2023: (2.764, None), 2024: (4.484, 56_500),
}

# westbound record split: 56,500 TEU less 12,000 eastbound, in the 38 : 12 : 6.5 split;
# 4.484 Mt less oil, westbound containers and 370 kt eastbound, in the 2024 split with
# Kuryk's road units moved from wagons to ro-ro (baseline_2024.yaml)
CONTAINER_FLOWS = {"china-eu-containers": 29_929.0, "china-turkiye-containers": 9_451.0,
                   "kazakhstan-eu-containers": 5_119.0}
BULK_FLOWS = {"kazakhstan-eu-dry-bulk": 935_800.0, "kazakhstan-turkiye-dry-bulk": 549_100.0,
              "kazakhstan-eu-general": 271_800.0, "kazakhstan-turkiye-general": 423_300.0}
KURYK_SPLIT_FLOW = "kazakhstan-eu-dry-bulk"
CASPIAN_BULK_SERVICES = ("aktau-alat-ferry", "aktau-alat-tanker", "kuryk-alat-ferry",
                         "kuryk-alat-roro")


def _year(name: str, metric: str, year: int, value: float, source: str = REF1,
          weight: float = 1.0) -> Observation:
    return Observation(name, GROUP, metric, D(year, 1, 1), D(year + 1, 1, 1), value,
                       source, weight)


def _to(name: str, metric: str, end: dt.date, value: float, weight: float) -> Observation:
    """Jan 1 to ``end``: the partial-year record, as a sum of the monthly table."""
    cumulative = metric.replace("throughput_", "cumulative_")
    return Observation(name, GROUP, cumulative, D(end.year, 1, 1), end, value, REF1, weight)


OBSERVATIONS_2024 = (
    _year("2024, t", "throughput_t", 2024, 4_484_000),
    _year("2024, TEU", "throughput_teu", 2024, 56_500,
          "refs 1, 3 Astana Times 2025-03-06, 12 Report.az 2025-01-29 (through the KZ/AZ seaports)"),
    _to("Jan–Sep 2024, TEU", "throughput_teu", D(2024, 10, 1), 34_600, 1.0),
    _to("Jan–Nov 2024, TEU", "throughput_teu", D(2024, 12, 1), 50_500, 1.0),
    Observation("Kuryk H1 2024, t", "node:kuryk", "cumulative_t", D(2024, 1, 1), D(2024, 7, 1),
                1_050_000, "refs 36 Trend 2023-11-20, 37 Trend 2024-07-13 (Kuryk 1.05 Mt in H1 2024)"),
    _to("Jan–Jul 2024, t", "throughput_t", D(2024, 8, 1), 2_500_000, 0.0),
    _to("Jan–Sep 2024, t", "throughput_t", D(2024, 10, 1), 3_400_000, 0.0),
    _to("Jan–Nov 2024, t", "throughput_t", D(2024, 12, 1), 4_100_000, 1.0),
    *TERMINALS_2024,
    *OPERATORS_2024,
)

# Checks only (weight 0): 2022 and 2023 are not fitted.
OBSERVATIONS_2022 = (
    _year("2022, t", "throughput_t", 2022, 1_485_000, weight=0.0),
    _year("2022, TEU", "throughput_teu", 2022, 33_600,
          "refs 1, 11 Trend 2023 (containers through the KZ/AZ seaports)", weight=0.0),
    _to("Jan–Sep 2022, t", "throughput_t", D(2022, 10, 1), 1_084_000, 0.0),
)

OBSERVATIONS_2023 = (
    _year("2023, t", "throughput_t", 2023, 2_764_000, weight=0.0),
    _to("H1 2023, t", "throughput_t", D(2023, 7, 1), 1_300_000, 0.0),
    *KURYK_2023_OBS,
)


def _seasonality(months: tuple[int, ...]) -> tuple[str, ...]:
    return tuple(f"flows.{f}.seasonality.{m}" for f in CONTAINER_FLOWS for m in months)


PARAMETERS_2024 = (
    Parameter("container_demand", (0.8, 1.25), 1.0,
              scale=tuple((f"flows.{f}.annual_teu", teu) for f, teu in CONTAINER_FLOWS.items()),
              note="containers offered ÷ the record-derived westbound split (29,929 / 9,451 / 5,119 TEU)"),
    Parameter("container_oct_nov", (1.0, 4.0), 2.06, set=_seasonality((9, 10)),
              note="container demand pace in October–November relative to January–September"),
    Parameter("bulk_demand", (0.8, 1.25), 1.0,
              scale=tuple((f"flows.{f}.annual_t", t) for f, t in BULK_FLOWS.items()),
              note="dry bulk and general offered ÷ the record-derived 2.180 Mt westbound split"),
    Parameter("kuryk_share", (0.4, 0.95), 0.7, set=(f"flows.{KURYK_SPLIT_FLOW}.route.0.share",),
              complement=(f"flows.{KURYK_SPLIT_FLOW}.route.1.share",),
              note="share of the Kazakh dry bulk to the EU shipped at Kuryk (the rest at Aktau)"),
)

CONTAINER_DEC = Parameter(
    "container_dec", (0.5, 4.0), 2.1, set=_seasonality((11,)),
    note="container demand pace in December relative to January–September")
FEEDER_AVAILABILITY = Parameter(
    "feeder_availability", (0.5, 1.0), 0.944,
    set=("services.aktau-alat-feeder.fleet.availability",),
    note="availability of the Aktau–Alat container feeders (binds in the storm season)")

# --- Caspian storms at the Kazakh ports (weather zone caspian_kz) ---------------------
# facts: Weather and water — Kuryk closed by weather about half the time in November and
# December (port director); stoppages of about 5 days (May 2022, Feb 2025); suggested
# model: each closure 2–5 days; ~40–55 closed days a year, ~30 of them in Nov–Dec;
# Nov–Dec high, Jan–Mar moderate, Apr–Oct low.
# Target closed fraction per month: Nov, Dec 0.5 (S); the other ten months share the
# remaining ~19 days of a ~49-day year (the middle of 40–55) by the stated ranking
# (split: assumption).
KZ_CLOSED_FRACTION = (0.15, 0.15, 0.10, 0.04, 0.03, 0.02, 0.02, 0.02, 0.03, 0.06, 0.50, 0.50)
KZ_DURATION_DAYS = {"uniform": (2.0, 5.0)}
WEATHER_ZONE = "caspian_kz"
WEATHER_NODE = "kuryk"
WEATHER_YEAR = 2024


def closed_days_observations(node: str, year: int, target_days: list[float]) -> tuple[Observation, ...]:
    """Monthly and annual closed-days observations (checked, not fitted by simulation)."""
    src = "target profile fitted analytically (facts: Weather and water)"
    months = [Observation(f"{node} closed days {D(year, m, 1):%b}", f"node:{node}", "closed_days",
                          D(year, m, 1), D(year + m // 12, m % 12 + 1, 1), days, src, 0.0)
              for m, days in zip(range(1, 13), target_days)]
    return (*months, Observation(f"{node} closed days {year}", f"node:{node}", "closed_days",
                                 D(year, 1, 1), D(year + 1, 1, 1), sum(target_days), src, 0.0))


CASPIAN_AVAILABILITY = Parameter(
    "bulk_fleet_availability", (0.5, 1.0), 0.85,
    set=tuple(f"services.{s}.fleet.availability" for s in CASPIAN_BULK_SERVICES),
    note="availability of the Caspian ferries, ro-ro and tankers (assumption 0.85)")

STORM_SEASON = ("in the storm season the Aktau–Alat feeders bind, so December's TEU is set by "
                "what they can carry, and December's pace, the feeders' availability and the "
                "container demand move the same observations (fitting all six parameters to these "
                "six observations leaves no degree of freedom): held at the last six-parameter "
                "fit's values")
PROBES_2024 = (
    Probe(CASPIAN_AVAILABILITY, (0.65, 0.85, 1.0), "over a year the ferries, ro-ro ships and "
          "tankers do not bind: assumption 0.85"),
    Probe(CONTAINER_DEC, (1.0, 2.1, 3.5), STORM_SEASON),
    Probe(FEEDER_AVAILABILITY, (0.8, 0.944, 1.0), STORM_SEASON),
)

WEATHER_2024 = WeatherTarget(WEATHER_ZONE, WEATHER_NODE, KZ_CLOSED_FRACTION, WEATHER_YEAR)

SPEC_2024 = CalibrationSpec(
    name="baseline_2024",
    parameters=PARAMETERS_2024,
    observations=OBSERVATIONS_2024,
    replications=20,
    root_seed=2024,
    tolerance=0.05,
    checks=(Check("baseline_2022.yaml", OBSERVATIONS_2022, 0.10, "2022 from 2022 inputs", WHY_2022),
            Check("baseline_2023.yaml", OBSERVATIONS_2023, 0.10, "2023 from 2023 inputs", WHY_2023)),
    check_seed=777,
    weather=WEATHER_2024,
    probes=PROBES_2024,
)
