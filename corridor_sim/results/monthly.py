"""Monthly throughput: tonnes and TEU per service group and terminal per calendar month.

The calendar-month view of the same counts as :mod:`corridor_sim.results.kpis`: a
group's cargo is that of the trips of its services that *departed* in the month; a
terminal's is the cargo that left it on a service in the month plus the cargo delivered
there in the month. The partial-year record (Jan–Jul, Jan–Sep, Jan–Nov) is checked
against cumulative sums of this table.

Months and places are integer codes until the sums are taken (a run has millions of
lots; no string is made per lot).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from corridor_sim.scenario.schema import Scenario

MONTHLY_COLUMNS = ["month", "scope", "name", "t", "teu", "trips"]
NO_MONTH = np.iinfo(np.int64).min


def month_codes(start: dt.date, hours: np.ndarray) -> np.ndarray:
    """Calendar month of each simulation hour as months since 1970-01 (``NO_MONTH`` for NaN)."""
    hours = np.asarray(hours, dtype=float)
    ok = np.isfinite(hours)
    stamps = np.datetime64(start, "h") + np.floor(np.where(ok, hours, 0.0)).astype("timedelta64[h]")
    codes = stamps.astype("datetime64[M]").astype(np.int64)
    return np.where(ok, codes, NO_MONTH)


def month_labels(start: dt.date, hours: np.ndarray) -> np.ndarray:
    """Calendar month ``'YYYY-MM'`` of each simulation hour (``NaN`` hours give ``''``)."""
    codes = month_codes(start, hours)
    ok = codes != NO_MONTH
    labels = np.datetime_as_string(np.where(ok, codes, 0).astype("datetime64[M]"), unit="M")
    return np.where(ok, labels, "")


def _sums(month: np.ndarray, place: np.ndarray, names: list[str], t: np.ndarray,
          teu: np.ndarray, trips: np.ndarray) -> pd.DataFrame:
    """Sums by (month code, place code); rows with no month or no place (-1) are left out."""
    keep = (month != NO_MONTH) & (place >= 0)
    # codes as int32 (months since 1970, places), columns not copied into blocks: a run has
    # millions of lots, and the sums (same rows, same order) do not depend on the widths
    df = pd.DataFrame({"m": month[keep].astype(np.int32), "p": place[keep].astype(np.int32),
                       "t": np.asarray(t, float)[keep], "teu": np.asarray(teu, float)[keep],
                       "trips": np.asarray(trips)[keep]}, copy=False)
    sums = df.groupby(["m", "p"], sort=True)[["t", "teu", "trips"]].sum().reset_index()
    labels = np.datetime_as_string(sums["m"].to_numpy().astype("datetime64[M]"), unit="M")
    out: pd.DataFrame = pd.DataFrame({
        "month": labels, "name": np.asarray(names, dtype=object)[sums["p"].to_numpy()],
        "t": sums["t"].to_numpy(), "teu": sums["teu"].to_numpy(),
        "trips": sums["trips"].to_numpy().astype(np.int64)})
    return out


def _codes(values: pd.Series, mapping: dict[str, str], names: list[str]) -> np.ndarray:
    """Code (index in ``names``) of ``mapping[value]`` for each value; -1 where unmapped."""
    index = {n: i for i, n in enumerate(names)}
    cat = values.astype("category")
    lookup = np.array([index.get(mapping.get(str(c), ""), -1) for c in cat.cat.categories] or [-1],
                      dtype=np.int64)
    codes = cat.cat.codes.to_numpy()
    return np.where(codes >= 0, lookup[np.maximum(codes, 0)], -1)


def _group_rows(scenario: Scenario, trips: pd.DataFrame, months: np.ndarray) -> pd.DataFrame:
    groups = sorted({g for s in scenario.services.values() for g in s.groups})
    service = trips["service"].astype(str).to_numpy()
    parts = []
    for i, group in enumerate(groups):
        mask = np.isin(service, [n for n, s in scenario.services.items() if group in s.groups])
        parts.append(_sums(months[mask], np.full(int(mask.sum()), i), groups,
                           trips["t"].to_numpy()[mask], trips["teu"].to_numpy()[mask],
                           np.ones(int(mask.sum()), dtype=np.int64)))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["month", "name", "t", "teu", "trips"])


def _node_rows(scenario: Scenario, trips: pd.DataFrame, lots: pd.DataFrame,
               depart_months: np.ndarray) -> pd.DataFrame:
    nodes = list(scenario.nodes)
    origin = {n: s.from_ for n, s in scenario.services.items()}
    left = _sums(depart_months, _codes(trips["service"], origin, nodes), nodes,
                 trips["t"].to_numpy(), trips["teu"].to_numpy(), np.ones(len(trips), dtype=np.int64))
    dest = {n: f.destination for n, f in scenario.flows.items()}
    got = _sums(month_codes(scenario.run.start, lots["delivered_h"].to_numpy()),
                _codes(lots["flow"], dest, nodes), nodes, lots["t"].to_numpy(),
                lots["teu"].to_numpy(), np.zeros(len(lots), dtype=np.int8))  # summed as int64
    both = pd.concat([left, got], ignore_index=True)
    sums: pd.DataFrame = both.groupby(["month", "name"], as_index=False, sort=True)[
        ["t", "teu", "trips"]].sum()
    return sums


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
    months = month_codes(scenario.run.start, trips["depart_h"].to_numpy())
    groups = _group_rows(scenario, trips, months).assign(scope="group")
    nodes = _node_rows(scenario, trips, lots, months).assign(scope="node")
    table = pd.concat([groups, nodes], ignore_index=True)
    table["trips"] = table["trips"].astype(np.int64)
    ordered: pd.DataFrame = table.sort_values(["scope", "name", "month"], kind="stable").reset_index(
        drop=True)[MONTHLY_COLUMNS]
    return ordered
