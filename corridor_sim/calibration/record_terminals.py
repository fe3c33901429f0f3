"""Observations beyond the corridor totals: terminals, operators, Kuryk's ferries, 2023.

Each is data: an observable by name (:mod:`corridor_sim.calibration.observables`), a
scope, a reported figure and its source (corridor_sim/data/facts.md). Terminal totals
use ``kpi:total_t|throughput_t``: a terminal's whole load (corridor and other traffic)
where the model reports it, its corridor load otherwise. Their weight is 0 (checked,
±10 %) until the model carries the other traffic that makes up most of a port's total;
a spec that fits them gives them a weight. Observables a model does not report
(railcars per call, operators) are left out of a calibration with a note.
"""

from __future__ import annotations

import datetime as dt

from corridor_sim.calibration.spec import Observation

D = dt.date
Y2024 = (D(2024, 1, 1), D(2025, 1, 1))
Y2023 = (D(2023, 1, 1), D(2024, 1, 1))
TOTAL_T = "kpi:total_t|throughput_t"
TOTAL_TEU = "kpi:total_teu|throughput_teu"
BAKU = "refs 41–47 (Baku port: 7.6 Mt and 76,775 TEU in 2024; facts: Nodes)"
POTI = "refs 48, 49, 51 (Poti: 545,297 TEU in 2024; facts: Nodes)"
BATUMI = "refs 48, 52, 53 (Batumi: 3.6 Mt and 91.2k TEU in 2024; facts: Nodes)"
KMTF = "ref 12 Report.az 2025-01-29 (KMTF 51.4k of 55k TEU Aktau–Baku in 2024)"
KURYK_2023 = ("ref 26 (Kuryk Jan–Oct 2023: 1.807 Mt, 599 ferries, 16,450 railcars; "
              "facts: Nodes)")


def _terminal(name: str, node: str, metric: str, value: float, source: str) -> Observation:
    return Observation(name, f"node:{node}", metric, *Y2024, value, source, 0.0, tolerance=0.10)


TERMINALS_2024 = (
    _terminal("Baku (Alat) 2024, t", "alat", TOTAL_T, 7_600_000, BAKU),
    _terminal("Baku (Alat) 2024, TEU", "alat", TOTAL_TEU, 76_775, BAKU),
    _terminal("Poti 2024, TEU", "poti", TOTAL_TEU, 545_297, POTI),
    _terminal("Batumi 2024, t", "batumi", TOTAL_T, 3_600_000, BATUMI),
    _terminal("Batumi 2024, TEU", "batumi", TOTAL_TEU, 91_200, BATUMI),
)

OPERATORS_2024 = (
    Observation("KMTF share of Caspian TEU 2024", "operator:kmtf", "share:throughput_teu", *Y2024,
                51.4 / 55.0, KMTF, 0.0, unit_="share", tolerance=0.10),
)

KURYK_2023_OBS = (
    Observation("Kuryk Jan–Oct 2023, t", "node:kuryk", "cumulative_t", D(2023, 1, 1),
                D(2023, 11, 1), 1_807_000, KURYK_2023, 0.0, tolerance=0.15),
    Observation("Kuryk rail-ferry calls Jan–Oct 2023", "service:kuryk-alat-ferry", "departures",
                D(2023, 1, 1), D(2023, 11, 1), 599, KURYK_2023, 0.0, tolerance=0.15),
    Observation("Kuryk railcars per ferry call 2023", "service:kuryk-alat-ferry",
                "kpi:railcars_per_call", *Y2023, 16_450 / 599, KURYK_2023, 0.0,
                unit_="railcars", tolerance=0.15),
)
