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
    """Calendar month of each simulation hour as months since 1970-01 (``NO_MONTH`` for NaN).

    The hour ``h`` falls in the month of ``start + floor(h)`` hours: found by a binary
    search among the hours (from ``start``) at which the months in range begin — whole
    hours, so ``h >= bound`` exactly when ``floor(h) >= bound`` (no per-row temporaries).
    """
    hours = np.asarray(hours, dtype=float)
    ok = np.isfinite(hours)
    if not ok.any():
        return np.full(len(hours), NO_MONTH, dtype=np.int64)
    origin = np.datetime64(start, "h")
    first = int(np.floor(np.min(hours, where=ok, initial=np.inf)))
    last = int(np.floor(np.max(hours, where=ok, initial=-np.inf)))
    m0, m1 = ((origin + np.timedelta64(h, "h")).astype("datetime64[M]").astype(np.int64)
              for h in (first, last))
    bounds = (np.arange(m0 + 1, m1 + 1).astype("datetime64[M]").astype("datetime64[h]")
              - origin).astype(np.int64).astype(float)
    codes = np.searchsorted(bounds, hours, side="right").astype(np.int64, copy=False)
    codes += m0
    codes[~ok] = NO_MONTH
    return codes


def month_labels(start: dt.date, hours: np.ndarray) -> np.ndarray:
    """Calendar month ``'YYYY-MM'`` of each simulation hour (``NaN`` hours give ``''``)."""
    codes = month_codes(start, hours)
    ok = codes != NO_MONTH
    labels = np.datetime_as_string(np.where(ok, codes, 0).astype("datetime64[M]"), unit="M")
    return np.where(ok, labels, "")


def _sums(month: np.ndarray, place: np.ndarray, names: list[str], t: np.ndarray,
          teu: np.ndarray, trips: np.ndarray) -> pd.DataFrame:
    """Sums by (month code, place code); rows with no month or no place (-1) are left out.

    Rows are grouped by one key, ``month * len(names) + place`` (in (month, place)
    order), and the rows left out share a key of their own, dropped from the sums: the
    value columns are summed in place, not copied (a run has millions of lots), and
    each sum runs over the same rows in the same order as a group by the two codes.
    The key is built in one array of its own (the arguments are left as they are).
    """
    size = max(len(names), 1)
    keep = (month != NO_MONTH) & (place >= 0)
    key = np.full(len(month), NO_MONTH, dtype=np.int64)
    np.multiply(month, size, out=key, where=keep)
    np.add(key, place, out=key, where=keep)
    del keep
    df = pd.DataFrame({"t": np.asarray(t, float), "teu": np.asarray(teu, float),
                       "trips": np.asarray(trips)}, copy=False)
    sums = df.groupby(key, sort=True)[["t", "teu", "trips"]].sum()
    sums = sums[sums.index != NO_MONTH]
    m, p = np.divmod(sums.index.to_numpy(), size)
    labels = np.datetime_as_string(m.astype("datetime64[M]"), unit="M")
    out: pd.DataFrame = pd.DataFrame({
        "month": labels, "name": np.asarray(names, dtype=object)[p],
        "t": sums["t"].to_numpy(), "teu": sums["teu"].to_numpy(),
        "trips": sums["trips"].to_numpy().astype(np.int64)})
    return out


def _codes(values: pd.Series, mapping: dict[str, str], names: list[str]) -> np.ndarray:
    """Code (index in ``names``) of ``mapping[value]`` for each value; -1 where unmapped."""
    index = {n: i for i, n in enumerate(names)}
    cat = values.astype("category")
    # one more entry, -1, last: the code -1 of a missing value picks it
    lookup = np.array([*(index.get(mapping.get(str(c), ""), -1) for c in cat.cat.categories), -1],
                      dtype=np.int32)
    result: np.ndarray = lookup[cat.cat.codes.to_numpy()]
    return result


def _group_rows(scenario: Scenario, trips: pd.DataFrame, months: np.ndarray) -> pd.DataFrame:
    """Sums per (month, group) of the trips of each group's services, in one group-by.

    A trip counts in every group of its service: the rows of each group, in trip order,
    are laid one group after the other, so each sum runs over the same trips in the same
    order as a group-by of that group alone.
    """
    groups = sorted({g for s in scenario.services.values() for g in s.groups})
    service = trips["service"].array
    code = {name: i for i, name in enumerate(service.categories)}
    codes = np.asarray(service.codes)
    rows = [np.flatnonzero(np.isin(codes, [code[n] for n, s in scenario.services.items()
                                           if group in s.groups]))
            for group in groups]
    at = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    place = np.repeat(np.arange(len(groups)), [len(r) for r in rows])
    return _sums(months[at], place, groups, trips["t"].to_numpy()[at],
                 trips["teu"].to_numpy()[at], np.ones(len(at), dtype=np.int64))


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
