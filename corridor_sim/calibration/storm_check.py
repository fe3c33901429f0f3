"""The engine's storms against the renewal arithmetic, on a one-port network.

The corridor's own replications are few for months with little weather (most runs
see no storm at all in May); a one-port network runs in a fraction of a second, so
many replications show whether the engine's closures follow the fitted profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.calibration.check import check_table
from corridor_sim.calibration.observe import observe
from corridor_sim.calibration.record import closed_days_observations
from corridor_sim.scenario import Dist, scenario_from_dict
from corridor_sim.scenario.schema import Scenario


def one_port(rates_per_day: Sequence[float], duration: Dist, year: int) -> Scenario:
    """A port ``k`` under the given storms, run over ``year`` after a 92-day warm-up."""
    warmup = (np.datetime64(f"{year}-01-01") - np.datetime64(f"{year - 1}-10-01")).astype(int)
    days = (np.datetime64(f"{year + 1}-01-01") - np.datetime64(f"{year}-01-01")).astype(int)
    doc: dict[str, Any] = {
        "name": "one-port storms",
        "run": {"start": f"{year - 1}-10-01", "warmup_days": int(warmup),
                "horizon_days": int(warmup + days)},
        "weather": {"zone": {"closure_starts_per_day": list(rates_per_day),
                             "duration_days": duration.model_dump(exclude_none=True)}},
        "nodes": {"a": {"kind": "zone", "lat": 43.0, "lon": 51.0},
                  "k": {"kind": "seaport", "lat": 43.2, "lon": 51.7, "weather": "zone"}},
        "services": {"ak": {"mode": "feeder", "from": "a", "to": "k", "distance_km": 10,
                            "transit_h": 1, "fleet": {"vehicles": 1, "capacity_teu": 10}}},
        "flows": {"f": {"origin": "a", "destination": "k", "cargo": "container", "annual_teu": 10}},
    }
    return scenario_from_dict(doc, "one-port storm check")


def storm_engine_check(rates_per_day: Sequence[float], duration: Dist, year: int,
                       expected_days: Sequence[float], replications: int = 300,
                       root_seed: int = 2024, workers: int = 1) -> pd.DataFrame:
    """Simulated closed days per month and year of a one-port network vs the arithmetic.

    Returns
    -------
    pandas.DataFrame
        :func:`check_table` rows (13: the months, then the year); ``within`` means
        the expected days lie in the 95 % interval of the simulated mean.
    """
    observations = closed_days_observations("k", year, list(expected_days))
    sim = observe(one_port(rates_per_day, duration, year), observations, replications, root_seed,
                  workers)
    return check_table(sim, observations, None)
