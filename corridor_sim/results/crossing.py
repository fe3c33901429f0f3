"""What *crossed* a group of services: each lot counted once, however many legs it took.

A group of consecutive services (``caucasus_rail``: Baku–Tbilisi then Tbilisi–Poti)
carries the same container on two legs; the sum of what its services carried
(``leg_sum_t``) counts it twice. The group's throughput counts the distinct lots
that departed on one of its services in the window. For a group of parallel
services (``trans_caspian``: the ferries, feeders and tankers) the two agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.scenario.schema import Scenario


def group_members(scenario: Scenario, group: str) -> list[str]:
    """The services of ``group``, in scenario order."""
    return [n for n, s in scenario.services.items() if group in s.groups]


def crossed(scenario: Scenario, legs: pd.DataFrame, group: str, t0_h: float,
            t1_h: float) -> tuple[float, float]:
    """Tonnes and TEU of the distinct lots that departed on ``group`` in ``[t0_h, t1_h)``.

    Only legs that arrived count, as in the trips table (a vehicle still under
    way at the horizon has no trip record yet).

    Parameters
    ----------
    legs : DataFrame
        One row per lot and leg (columns ``lot, service, t, teu, depart_h``).

    Returns
    -------
    tuple of float
        ``(t, teu)``; each lot counted once.
    """
    members = group_members(scenario, group)
    depart = legs["depart_h"].to_numpy()
    arrived = ~np.isnan(legs["arrive_h"].to_numpy())  # as trips: counted once the trip is done
    mask = (depart >= t0_h) & (depart < t1_h) & arrived & legs["service"].isin(members).to_numpy()
    if not mask.any():
        return 0.0, 0.0
    _, first = np.unique(legs["lot"].to_numpy()[mask], return_index=True)
    t = legs["t"].to_numpy()[mask][first]
    teu = legs["teu"].to_numpy()[mask][first]
    return float(t.sum()), float(teu.sum())
