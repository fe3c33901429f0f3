"""The monthly throughput table: exact on a traced network, consistent with the trips."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim import simulate
from corridor_sim.results.monthly import MONTHLY_COLUMNS, NO_MONTH, month_codes, month_labels
from corridor_sim.scenario import scenario_from_dict


def rows(table: pd.DataFrame, scope: str) -> list[tuple]:
    sel = table[table["scope"] == scope]
    return [(r.month, r.name, round(r.teu, 6), r.trips) for r in sel.itertuples(index=False)]


def test_month_labels_cross_the_year_and_keep_nan() -> None:
    import datetime as dt
    labels = month_labels(dt.date(2024, 12, 31), np.array([0.0, 23.99, 24.0, np.nan, 24.0 * 60]))
    assert labels.tolist() == ["2024-12", "2024-12", "2025-01", "", "2025-03"]


def test_month_codes_are_the_calendar_month_of_each_hour() -> None:
    import datetime as dt
    rng = np.random.default_rng(3)
    start = dt.date(2024, 2, 28)
    edges = np.arange(-30.0, 9000.0, 1.0)  # whole hours and just below them
    hours = np.concatenate([rng.uniform(-800.0, 30000.0, 2000), edges, edges - 1e-9,
                            [np.nan, np.inf, -np.inf]])
    got = month_codes(start, hours)
    origin = dt.datetime(2024, 2, 28)
    for h, code in zip(hours, got):
        if not np.isfinite(h):
            assert code == NO_MONTH
            continue
        when = origin + dt.timedelta(hours=int(np.floor(h)))
        assert code == (when.year - 1970) * 12 + when.month - 1, h
    assert got.dtype == np.int64
    assert (month_codes(start, np.array([np.nan, np.nan])) == NO_MONTH).all()
    assert len(month_codes(start, np.array([]))) == 0


def test_traced_sailings_by_month(tiny: dict) -> None:
    # The traced feeder (tests/foundation/test_trace.py) sails at 24, 48, 72 and 96 h with
    # 4, 4, 6 and 4 TEU. Starting on 30 January, the first sailing falls in January, the
    # others in February; lots are delivered 10.2-10.3 h after each sailing (34.2 h is
    # still 31 January).
    tiny["run"]["start"] = "2025-01-30"
    r = simulate(scenario_from_dict(tiny), seed=0)
    assert list(r.monthly.columns) == MONTHLY_COLUMNS
    assert rows(r.monthly, "group") == [("2025-01", "sea", 4.0, 1), ("2025-02", "sea", 14.0, 3)]
    assert rows(r.monthly, "node") == [
        ("2025-01", "a", 4.0, 1), ("2025-02", "a", 14.0, 3),   # left a on the feeder
        ("2025-01", "b", 4.0, 0), ("2025-02", "b", 14.0, 0),   # delivered at b
    ]
    assert "monthly" in r.tables()


def test_months_add_up_to_the_trips(tandem: dict) -> None:
    tandem["run"]["horizon_days"] = 70
    tandem["services"]["bc"]["groups"] = ["rail"]
    r = simulate(scenario_from_dict(tandem), seed=3)
    m = r.monthly
    assert set(m["month"]) == {"2025-01", "2025-02", "2025-03"}
    for group, services in {"sea": ["ab"], "rail": ["bc"]}.items():
        trips = r.trips[r.trips["service"].isin(services)]
        g = m[(m["scope"] == "group") & (m["name"] == group)]
        assert g["t"].sum() == trips["t"].sum()
        assert g["teu"].sum() == trips["teu"].sum()
        assert g["trips"].sum() == len(trips)
    delivered = r.lots[r.lots["status"] == "delivered"]
    c = m[(m["scope"] == "node") & (m["name"] == "c")]
    assert c["teu"].sum() == delivered["teu"].sum()
