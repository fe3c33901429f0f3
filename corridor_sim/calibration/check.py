"""Simulated vs reported: replication means with 95 % confidence intervals, per observation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from corridor_sim.calibration.observe import observe
from corridor_sim.calibration.spec import Observation
from corridor_sim.experiments.stats import mean_ci
from corridor_sim.scenario import Scenario

CHECK_COLUMNS = ["observation", "scope", "unit", "reported", "mean", "ci_low", "ci_high", "n",
                 "rel_error", "tolerance", "within", "fitted", "source"]


def check_table(simulated: np.ndarray, observations: Sequence[Observation], tolerance: float | None,
                level: float = 0.95) -> pd.DataFrame:
    """One row per observation: reported, mean and t interval, relative error, within tolerance.

    Parameters
    ----------
    simulated : numpy.ndarray
        Replications × observations, as :func:`observe` returns.
    observations : sequence of Observation
        Their reported values.
    tolerance : float or None
        Largest relative error of the mean that passes (0.05 for ±5 %); None: the
        reported value must lie inside the confidence interval (for an expected value
        known exactly, such as analytical closed days).
    level : float
        Confidence level of the intervals.
    """
    rows = []
    for j, obs in enumerate(observations):
        mean, _, lo, hi, n = mean_ci(simulated[:, j], level)
        rel = mean / obs.reported - 1.0
        within = abs(rel) <= tolerance if tolerance is not None else lo <= obs.reported <= hi
        rows.append((obs.name, obs.scope, obs.unit, obs.reported, mean, lo, hi, n, rel,
                     np.nan if tolerance is None else tolerance, bool(within), obs.weight > 0,
                     obs.source))
    result: pd.DataFrame = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    return result


def check(scenario: Scenario, observations: Sequence[Observation], tolerance: float | None,
          replications: int = 20, root_seed: int = 2024, workers: int = 1,
          level: float = 0.95) -> pd.DataFrame:
    """Simulate ``replications`` runs of ``scenario`` and compare them with the record.

    Returns
    -------
    pandas.DataFrame
        Columns ``CHECK_COLUMNS`` (values in t, TEU or days).
    """
    sim = observe(scenario, observations, replications, root_seed, workers)
    return check_table(sim, observations, tolerance, level)
