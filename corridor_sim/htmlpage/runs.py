"""Simulate the scenarios of a report and keep what it shows (not every run's tables).

One replication: the run ``corridor-sim run SCENARIO --seed S`` makes (integer seed).
Several: replication ``i`` uses ``SeedSequence(S, spawn_key=(i,))``, as
``corridor-sim experiment`` does, so the numbers agree with an experiment's.
Only the first run's full Results is kept (for the map, utilization and transit
figures); every run contributes its KPIs, targets and cumulative curves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corridor_sim.api import simulate
from corridor_sim.experiments.stats import summarise, target_probabilities
from corridor_sim.plots.cumulative import cumulative_curves
from corridor_sim.results import Results
from corridor_sim.results.kpis import in_window
from corridor_sim.scenario import Scenario, load_scenario

HEADLINE_UNITS = {"delivered_t": "t", "delivered_teu": "TEU", "transit_days_mean": "days",
                  "cost_usd_per_teu": "USD/TEU"}


@dataclass
class ScenarioRuns:
    """What a report needs of one scenario's replications.

    Attributes
    ----------
    label : str
        Name in headings (file stem or scenario name).
    source : str
        The scenario file, or ``"<Scenario>"``.
    first : Results
        Replication 0, complete.
    seeds : list
        The seed of each replication (int, or ``[root, index]``).
    kpis : DataFrame
        ``replication, scope, name, metric, value``: KPIs, headline figures
        (scope ``"headline"``) and targets (scope ``"target"``).
    target_runs : DataFrame
        ``replication, target, value, met``.
    curves : DataFrame
        Cumulative throughput curves of every replication.
    """

    label: str
    source: str
    first: Results
    seeds: list[Any]
    kpis: pd.DataFrame
    target_runs: pd.DataFrame
    curves: pd.DataFrame

    @property
    def replications(self) -> int:
        """Number of replications."""
        return len(self.seeds)

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """``scope, name, metric, mean, std, ci_low, ci_high, n`` over the replications."""
        return summarise(self.kpis, level)

    def target_probabilities(self, level: float = 0.95) -> pd.DataFrame:
        """``target, p_met, ci_low, ci_high, n`` (Wilson interval)."""
        return target_probabilities(self.target_runs[["replication", "target", "met"]], level)


def headline(results: Results) -> dict[str, float]:
    """Corridor-wide figures of a run: delivered t and TEU, mean transit days, USD per TEU.

    Delivered cargo and transit time count every lot delivered in the measurement
    window; cost per TEU is the container flows' route cost over their delivered TEU.
    """
    t0, t1 = results.meta["window_h"]
    lots = results.lots
    done = lots[in_window(lots["delivered_h"], t0, t1)]
    flows = results.kpi_table("flow")
    boxes = flows[flows["throughput_teu"] > 0]
    teu = float(boxes["throughput_teu"].sum())
    cost = float((boxes["cost_usd_per_teu"] * boxes["throughput_teu"]).sum())
    return {"delivered_t": float(done["t"].sum()), "delivered_teu": float(done["teu"].sum()),
            "transit_days_mean": float(done["transit_days"].mean()) if len(done) else np.nan,
            "cost_usd_per_teu": cost / teu if teu > 0 else np.nan}


def _long_kpis(results: Results, replication: int) -> pd.DataFrame:
    k = results.kpis[["scope", "name", "metric", "value"]].astype({"scope": str, "name": str,
                                                                   "metric": str})
    head = pd.DataFrame([("headline", "corridor", m, v) for m, v in headline(results).items()],
                        columns=["scope", "name", "metric", "value"])
    t = results.targets
    targets = pd.DataFrame({"scope": "target", "name": t["target"].astype(str),
                            "metric": t["metric"].astype(str), "value": t["value"].astype(float)})
    result: pd.DataFrame = pd.concat([k, head, targets], ignore_index=True).assign(replication=replication)
    return result


def replication_seeds(root: int, replications: int) -> list[Any]:
    """``[root]`` for one replication, else ``SeedSequence(root, spawn_key=(i,))`` for each."""
    if replications == 1:
        return [root]
    return [np.random.SeedSequence(root, spawn_key=(i,)) for i in range(replications)]


def run_scenario(scenario: Scenario, label: str, source: str, replications: int = 1,
                 seed: int | None = None,
                 on_run: Callable[[], None] | None = None) -> ScenarioRuns:
    """Simulate ``scenario`` ``replications`` times and keep what the report shows."""
    if replications < 1:
        raise ValueError(f"replications must be at least 1, got {replications}")
    root = scenario.run.seed if seed is None else seed
    first: Results | None = None
    kpis, targets, curves, shown = [], [], [], []
    for i, s in enumerate(replication_seeds(root, replications)):
        results = simulate(scenario, seed=s)
        first = results if first is None else first
        kpis.append(_long_kpis(results, i))
        targets.append(results.targets[["target", "value", "met"]].assign(replication=i))
        curves.append(cumulative_curves(results, i))
        shown.append(results.meta["seed"])
        if on_run is not None:
            on_run()
    assert first is not None
    return ScenarioRuns(label, source, first, shown, pd.concat(kpis, ignore_index=True),
                        pd.concat(targets, ignore_index=True), pd.concat(curves, ignore_index=True))


def load_labelled(scenarios: Sequence[Scenario | str | Path],
                  overrides: Sequence[str] | Mapping[str, Any] | None = None
                  ) -> list[tuple[Scenario, str, str]]:
    """Each scenario with its label (file stem or name) and source (path or ``<Scenario>``)."""
    return [(item, item.name, "<Scenario>") if isinstance(item, Scenario) else
            (load_scenario(item, overrides), Path(item).stem, str(item)) for item in scenarios]


def comparison_table(runs: Sequence[ScenarioRuns], level: float = 0.95) -> pd.DataFrame:
    """Headline figures per scenario: ``scenario, metric, mean, ci_low, ci_high, unit``."""
    rows = []
    for r in runs:
        s = r.summary(level)
        s = s[s["scope"] == "headline"]
        for row in s.itertuples():
            rows.append((r.label, row.metric, row.mean, row.ci_low, row.ci_high,
                         HEADLINE_UNITS.get(str(row.metric), "")))
        p = r.target_probabilities(level)
        for row in p.itertuples():
            rows.append((r.label, f"P({row.target})", row.p_met, row.ci_low, row.ci_high,
                         "probability"))
    result: pd.DataFrame = pd.DataFrame(
        rows, columns=["scenario", "metric", "mean", "ci_low", "ci_high", "unit"])
    return result
