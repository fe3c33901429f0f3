"""Monthly throughput: tonnes and TEU per service group and terminal per calendar month.

The calendar-month view of the same counts as :mod:`corridor_sim.results.kpis`: a
group's cargo is that of the trips of its services that *departed* in the month; a
terminal's is the cargo that left it on a service in the month plus the cargo delivered
there in the month. The partial-year record (Jan–Jul, Jan–Sep, Jan–Nov) is checked
against cumulative sums of this table.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from corridor_sim.scenario.schema import Scenario

MONTHLY_COLUMNS = ["month", "scope", "name", "t", "teu", "trips"]


def month_labels(start: dt.date, hours: np.ndarray) -> np.ndarray:
    """Calendar month ``'YYYY-MM'`` of each simulation hour (``NaN`` hours give ``''``)."""
    hours = np.asarray(hours, dtype=float)
    ok = np.isfinite(hours)
    t0 = np.datetime64(start, "h")
    stamps = t0 + np.floor(np.where(ok, hours, 0.0)).astype("timedelta64[h]")
    labels = np.datetime_as_string(stamps.astype("datetime64[M]"), unit="M")
    return np.where(ok, labels, "")


def _sums(keys: pd.DataFrame, t: np.ndarray, teu: np.ndarray, trips: np.ndarray) -> pd.DataFrame:
    df = keys.assign(t=t, teu=teu, trips=trips)
    df = df[df["month"] != ""]
    sums: pd.DataFrame = df.groupby(["month", "name"], as_index=False, sort=True)[
        ["t", "teu", "trips"]].sum()
    return sums


def _group_rows(scenario: Scenario, trips: pd.DataFrame, months: np.ndarray) -> pd.DataFrame:
    service = trips["service"].astype(str).to_numpy()
    parts = []
    for group in sorted({g for s in scenario.services.values() for g in s.groups}):
        mask = np.isin(service, [n for n, s in scenario.services.items() if group in s.groups])
        keys = pd.DataFrame({"month": months[mask], "name": group})
        parts.append(_sums(keys, trips["t"].to_numpy()[mask], trips["teu"].to_numpy()[mask],
                           np.ones(int(mask.sum()), dtype=np.int64)))
    return pd.concat(parts, ignore_index=True) if parts else _empty()


def _node_rows(scenario: Scenario, trips: pd.DataFrame, lots: pd.DataFrame, start: dt.date,
               depart_months: np.ndarray) -> pd.DataFrame:
    origin = {n: s.from_ for n, s in scenario.services.items()}
    left = pd.DataFrame({"month": depart_months,
                         "name": trips["service"].astype(str).map(origin).to_numpy()})
    left_sums = _sums(left, trips["t"].to_numpy(), trips["teu"].to_numpy(),
                      np.ones(len(trips), dtype=np.int64))
    dest = {n: f.destination for n, f in scenario.flows.items()}
    delivered = pd.DataFrame({"month": month_labels(start, lots["delivered_h"].to_numpy()),
                              "name": lots["flow"].astype(str).map(dest).to_numpy()})
    got = _sums(delivered, lots["t"].to_numpy(), lots["teu"].to_numpy(),
                np.zeros(len(lots), dtype=np.int64))
    both = pd.concat([left_sums, got], ignore_index=True)
    sums: pd.DataFrame = both.groupby(["month", "name"], as_index=False, sort=True)[
        ["t", "teu", "trips"]].sum()
    return sums


def _empty() -> pd.DataFrame:
    empty: pd.DataFrame = pd.DataFrame(columns=["month", "name", "t", "teu", "trips"])
    return empty


def monthly_table(scenario: Scenario, trips: pd.DataFrame, lots: pd.DataFrame) -> pd.DataFrame:
    """Tonnes, TEU and trips per calendar month for every group and terminal.

    Parameters
    ----------
    scenario : Scenario
        The scenario that was run (groups, service origins, flow destinations).
    trips, lots : pandas.DataFrame
        The run's trip and lot tables (hours from ``scenario.run.start``).

    Returns
    -------
    pandas.DataFrame
        Columns ``month`` (``'YYYY-MM'``), ``scope`` (``group`` or ``node``), ``name``,
        ``t`` (tonnes), ``teu``, ``trips`` (departures; 0 for cargo delivered at a zone),
        over the whole run (warm-up included), sorted by scope, name and month.
    """
    start = scenario.run.start
    months = month_labels(start, trips["depart_h"].to_numpy())
    groups = _group_rows(scenario, trips, months).assign(scope="group")
    nodes = _node_rows(scenario, trips, lots, start, months).assign(scope="node")
    table = pd.concat([groups, nodes], ignore_index=True)
    table["trips"] = table["trips"].astype(np.int64)
    ordered: pd.DataFrame = table.sort_values(["scope", "name", "month"], kind="stable").reset_index(
        drop=True)[MONTHLY_COLUMNS]
    return ordered
