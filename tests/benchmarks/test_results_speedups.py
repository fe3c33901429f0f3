"""The results speed-ups of stop 21 give, to the bit, what the code they replaced gave.

Each test keeps the replaced code as a reference and compares on random tables (with
repeated keys, empty groups and rows outside the range).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor_sim.results.monthly import _sums, month_codes
from corridor_sim.results.tables import _departures_by_day, categorical, rows_by_name

NAMES = ["ab", "bc", "cd", "de"]


def random_trips(seed: int, n: int = 400, days: int = 30) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "service": categorical(rng.integers(0, len(NAMES) - 1, n), NAMES),  # "de" never runs
        "depart_h": rng.uniform(-10.0, 24.0 * (days + 3), n),  # some after the last day
        "t": rng.exponential(1000.0, n) * rng.uniform(0.1, 3.0, n),
        "teu": rng.exponential(50.0, n) / 3.0,
    })


def departures_by_merge(trips: pd.DataFrame, days: int) -> pd.DataFrame:
    """The code replaced: a two-key group-by merged into the daily rows."""
    df = pd.DataFrame({"day": np.repeat(np.arange(days), len(NAMES)),
                       "service": categorical(np.tile(np.arange(len(NAMES)), days), NAMES)})
    per_day = trips.assign(day=(trips["depart_h"] // 24).astype(int)).groupby(
        ["day", "service"], observed=True).agg(departures=("t", "size"), t=("t", "sum"),
                                               teu=("teu", "sum"))
    df = df.merge(per_day.reset_index(), on=["day", "service"], how="left")
    df[["t", "teu"]] = df[["t", "teu"]].fillna(0.0)
    df["departures"] = df["departures"].fillna(0).astype(int)
    return df


@pytest.mark.parametrize("seed", range(4))
def test_departures_by_day_equal_the_merge_they_replace(seed: int) -> None:
    trips, days = random_trips(seed), 30
    want = departures_by_merge(trips, days)
    got = _departures_by_day(trips, days, len(NAMES))
    for col in ("departures", "t", "teu"):
        np.testing.assert_array_equal(got[col], want[col].to_numpy())
        assert got[col].dtype == want[col].dtype
    assert got["departures"].sum() == int(((trips["depart_h"] // 24).between(0, days - 1)).sum())


@pytest.mark.parametrize("seed", range(4))
def test_rows_by_name_equal_a_mask_per_name(seed: int) -> None:
    rng = np.random.default_rng(seed)
    cat = categorical(rng.integers(0, 3, 200), NAMES[:3])
    rows = rows_by_name(cat)
    for code, name in enumerate(NAMES[:3]):
        np.testing.assert_array_equal(rows(name), np.flatnonzero(cat.codes == code))
    assert len(rows("not a name")) == 0
    assert len(rows_by_name(categorical(np.zeros(0, int), NAMES))("ab")) == 0


@pytest.mark.parametrize("seed", range(3))
def test_groups_summed_in_one_group_by_equal_one_group_by_per_group(seed: int) -> None:
    # A trip counts in every group of its service: groups overlap.
    import datetime as dt

    trips = random_trips(seed, days=120)
    months = month_codes(dt.date(2025, 1, 1), trips["depart_h"].to_numpy())
    groups = {"g0": ["ab"], "g1": ["ab", "bc"], "g2": ["cd", "de"], "g3": ["de"]}
    names = list(groups)
    service = trips["service"].astype(str).to_numpy()
    t, teu = trips["t"].to_numpy(), trips["teu"].to_numpy()
    parts = []
    for i, members in enumerate(groups.values()):  # the code replaced: one _sums per group
        mask = np.isin(service, members)
        parts.append(_sums(months[mask], np.full(int(mask.sum()), i), names, t[mask],
                           teu[mask], np.ones(int(mask.sum()), dtype=np.int64)))
    want = pd.concat(parts, ignore_index=True).sort_values(["name", "month"], kind="stable")
    at = [np.flatnonzero(np.isin(service, m)) for m in groups.values()]
    rows = np.concatenate(at)
    got = _sums(months[rows], np.repeat(np.arange(len(names)), [len(a) for a in at]), names,
                t[rows], teu[rows], np.ones(len(rows), dtype=np.int64)).sort_values(
        ["name", "month"], kind="stable")
    assert len(got) == len(want) > 0
    for col in ("month", "name", "t", "teu", "trips"):
        np.testing.assert_array_equal(got[col].to_numpy(), want[col].to_numpy())


def test_sums_leave_their_arguments_as_they_were() -> None:
    month = np.array([5, 5, 6, np.iinfo(np.int64).min], dtype=np.int64)
    place = np.array([0, 1, -1, 0])
    before = month.copy()
    out = _sums(month, place, ["x", "y"], np.ones(4), np.ones(4), np.ones(4, dtype=np.int64))
    np.testing.assert_array_equal(month, before)
    assert out[["name", "t"]].to_numpy().tolist() == [["x", 1.0], ["y", 1.0]]


def test_the_monthly_table_is_built_on_first_use_and_kept(tiny: dict) -> None:
    from corridor_sim import simulate
    from corridor_sim.results.monthly import monthly_table
    from corridor_sim.scenario import scenario_from_dict

    r = simulate(scenario_from_dict(tiny), seed=0)
    assert r._monthly is None  # simulate did not build it
    first = r.monthly
    assert r.monthly is first and len(first) > 0
    pd.testing.assert_frame_equal(first, monthly_table(r.scenario, r.trips, r.lots))
    assert "monthly" in r.tables()
