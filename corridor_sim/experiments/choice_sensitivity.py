"""How the simulated attracted share moves with the logit scale θ.

For each scale: every choosing flow of the scenario gets ``scale_per_usd_t = θ``, the
congestion fixed point is found again (:func:`equilibrate`), and the equilibrated scenario
is replicated on the comparison's seeds; the attracted share through ``country`` is
summarised with a 95 % t interval. This is the *simulated* counterpart of the a-priori
table of :func:`~corridor_sim.experiments.choice_compare.scale_sensitivity` (timetable
costs, no congestion): congestion pulls the shares back from the extremes a sharp θ gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

import pandas as pd

from corridor_sim.api import simulate
from corridor_sim.experiments.assignment import choosing_flows, equilibrate
from corridor_sim.experiments.choice_metrics import run_metrics
from corridor_sim.experiments.replications import replication_seed
from corridor_sim.experiments.stats import mean_ci
from corridor_sim.network import resolve_routes
from corridor_sim.scenario.schema import RouteChoice, Scenario

SIMULATED_COLUMNS = ["scale_per_usd_t", "mean", "ci_low", "ci_high", "n", "iterations", "stopped_by"]


def with_scale(s: Scenario, scale_per_usd_t: float) -> Scenario:
    """A copy of ``s`` whose choosing flows all have logit scale ``scale_per_usd_t``
    (and no fixed shares: the choice is made afresh).

    Raises
    ------
    ValueError
        If ``scale_per_usd_t`` is not positive.
    """
    if not scale_per_usd_t > 0:
        raise ValueError(f"a logit scale is positive, got {scale_per_usd_t}")
    t = s.model_copy(deep=True)
    for key in choosing_flows(t):
        rc = t.flows[key].route
        assert isinstance(rc, RouteChoice)
        t.flows[key].route = rc.model_copy(update={"scale_per_usd_t": scale_per_usd_t,
                                                   "shares": None})
    return t


def simulated_scale_sensitivity(
        s: Scenario, scales: Sequence[float], replications: int = 3, seed: int = 1000,
        eq_replications: int = 2, iterations: int = 8, tol: float = 0.02, eq_seed: int = 0,
        destination: str = "eu", country: str = "BG", method: Literal["msa", "sra"] = "sra",
        progress: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Attracted share through ``country`` at the fixed point, per logit scale.

    Returns
    -------
    DataFrame
        :data:`SIMULATED_COLUMNS`: mean share (0–1) and its 95 % t interval over
        ``replications`` runs (seeds of root ``seed``), the fixed point's iterations and
        why it stopped.
    """
    say = progress or (lambda _msg: None)
    rows = []
    for theta in scales:
        a = equilibrate(with_scale(s, theta), eq_replications, iterations, tol, eq_seed,
                        method=method)
        routes = resolve_routes(a.scenario)
        values = [run_metrics(simulate(a.scenario, seed=replication_seed(seed, i)), routes,
                              destination, country)["attracted_share"]
                  for i in range(replications)]
        mean, _, lo, hi, n = mean_ci(values)
        rows.append((theta, mean, lo, hi, n, len(a.gaps), a.stopped_by))
        say(f"scale {theta:g}: fixed point in {len(a.gaps)} iterations, {replications} replications")
    table: pd.DataFrame = pd.DataFrame(rows, columns=SIMULATED_COLUMNS)
    return table
