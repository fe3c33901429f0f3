"""The validation cases: a scenario, what to measure, and the analytical values.

Every case is simulated over independent seeds; :func:`replicate` returns one
array of per-run estimates per measure. Times in hours, rates per hour.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from corridor_sim import simulate
from corridor_sim.results import Results
from corridor_sim.scenario import scenario_from_dict
from tests.validation import configs, measures, theory

# Another seed set can be checked with CORRIDOR_VALIDATION_FIRST_SEED=101 pytest tests/validation.
FIRST_SEED = int(os.environ.get("CORRIDOR_VALIDATION_FIRST_SEED", "1"))
SEEDS: tuple[int, ...] = tuple(range(FIRST_SEED, FIRST_SEED + 20))
HORIZON_DAYS = 730.0
WARMUP_DAYS = 20.0
LEVEL = 0.999
# Allowance for the bias of a finite run (start empty, warm-up cut, window edges),
# as a fraction of the analytical value, added to each side of the interval.
BIAS_REL = 0.01


@dataclass(frozen=True)
class Reference:
    """An analytical value for one measure of a case."""

    measure: str
    label: str
    value: float
    formula: str
    bias: float | None = None

    @property
    def allowance(self) -> float:
        """Bias allowance added to each side of the interval (BIAS_REL of the value by default)."""
        return BIAS_REL * abs(self.value) if self.bias is None else self.bias


@dataclass(frozen=True)
class Case:
    """A scenario that makes part of the corridor a textbook queue."""

    key: str
    title: str
    doc: configs.Doc
    measure: Callable[[Results], measures.Measures]
    references: tuple[Reference, ...]


def _station_refs(lam: float, mu: float, c: int, wait_h: float, formula: str,
                  p_wait: float) -> tuple[Reference, ...]:
    return (
        Reference("wait_h", "mean wait in queue W_q (h)", wait_h, formula),
        Reference("p_wait", "share of vehicles that wait P(W_q>0)", p_wait,
                  "Erlang C, PASTA" if c > 1 else "rho, PASTA"),
        Reference("service_h", "mean handling time 1/mu (h)", 1 / mu, "lot_teu / rate"),
        Reference("sojourn_h", "mean time at the terminal W (h)", wait_h + 1 / mu, "W_q + 1/mu"),
        Reference("in_system", "mean vehicles at the terminal L", lam * (wait_h + 1 / mu),
                  "Little: lambda W"),
        Reference("rho", "berth utilization rho", theory.utilization(lam, mu, c), "lambda/(c mu)"),
        Reference("lam_per_h", "arrivals per hour lambda", lam, "flow annual_teu / 8766"),
    )


def mm1() -> Case:
    """One berth, exponential handling: M/M/1 at rho = 0.6."""
    lam, mu = 0.6, 1.0
    doc = configs.terminal_queue(lam, 1 / mu, 1, configs.EXPONENTIAL, HORIZON_DAYS, WARMUP_DAYS)
    return Case("mm1", "terminal, 1 berth, exponential handling (M/M/1), rho=0.6", doc,
                lambda r: measures.berth_station(r, 1),
                _station_refs(lam, mu, 1, theory.mm1_wait_h(lam, mu), "rho/(mu-lambda)",
                               lam / mu))


def mmc() -> Case:
    """Three berths, exponential handling: M/M/3 at rho = 0.7."""
    lam, mu, c = 0.7, 1 / 3, 3
    doc = configs.terminal_queue(lam, 1 / mu, c, configs.EXPONENTIAL, HORIZON_DAYS, WARMUP_DAYS)
    return Case("mm3", "terminal, 3 berths, exponential handling (M/M/3), rho=0.7", doc,
                lambda r: measures.berth_station(r, c),
                _station_refs(lam, mu, c, theory.mmc_wait_h(lam, mu, c), "Erlang C",
                               theory.erlang_c(c, lam / mu)))


def md1() -> Case:
    """One berth, constant handling: M/D/1 at rho = 0.7."""
    lam, mu = 0.7, 1.0
    doc = configs.terminal_queue(lam, 1 / mu, 1, configs.DETERMINISTIC, HORIZON_DAYS, WARMUP_DAYS)
    return Case("md1", "terminal, 1 berth, constant handling (M/D/1), rho=0.7", doc,
                lambda r: measures.deterministic_berth(r, 1 / mu),
                _station_refs(lam, mu, 1, theory.md1_wait_h(lam, mu), "Pollaczek-Khinchine",
                               lam / mu))


def tandem() -> Case:
    """Loading berth at a (M/M/1, rho 0.6) then unloading berth at b (M/M/1, rho 0.7)."""
    lam, mu1, mu2, transit_h = 0.5, 1 / 1.2, 1 / 1.4, 2.0
    doc = configs.terminal_tandem(lam, 1 / mu1, 1 / mu2, HORIZON_DAYS, WARMUP_DAYS)
    w1, w2 = theory.mm1_sojourn_h(lam, mu1), theory.mm1_sojourn_h(lam, mu2)
    return Case("tandem", "tandem: loading berth at a (rho=0.6) -> unloading berth at b (rho=0.7)",
                doc, lambda r: measures.tandem(r, transit_h), (
                    Reference("sojourn1_h", "station 1 (load at a) W1 (h)", w1, "1/(mu1-lambda)"),
                    Reference("sojourn2_h", "station 2 (unload at b) W2 (h)", w2,
                              "1/(mu2-lambda), Burke"),
                    Reference("sojourn_total_h", "both stations W1+W2 (h)", w1 + w2, "Jackson"),
                    Reference("corr_12", "correlation of a lot's W1 and W2", 0.0,
                              "Reich: independent", bias=0.005),
                    Reference("lam_per_h", "arrivals per hour lambda", lam, "flow annual_teu / 8766"),
                ))


def fleet() -> Case:
    """Two one-lot vehicles with exponential trips as servers: M/M/2 at rho = 0.65."""
    lam, mu, c = 0.65, 0.5, 2
    doc = configs.fleet_queue(lam, 1 / mu, c, HORIZON_DAYS, WARMUP_DAYS)
    wq = theory.mmc_wait_h(lam, mu, c)
    return Case("fleet", "fleet of 2 vehicles, exponential trips (M/M/2 cargo queue), rho=0.65",
                doc, lambda r: measures.fleet_station(r, c), (
                    Reference("wait_h", "mean wait of a lot at a W_q (h)", wq, "Erlang C"),
                    Reference("in_queue", "mean lots queued at a L_q (from legs)", lam * wq,
                              "Little: lambda W_q"),
                    Reference("in_queue_daily", "mean lots queued at a L_q (end-of-day samples)",
                              lam * wq, "Little: lambda W_q"),
                    Reference("rho", "fleet utilization rho", theory.utilization(lam, mu, c),
                              "lambda/(c mu)"),
                ))


CASES: dict[str, Callable[[], Case]] = {
    "mm1": mm1, "mm3": mmc, "md1": md1, "tandem": tandem, "fleet": fleet,
}


@functools.cache
def replicate(key: str, seeds: tuple[int, ...] = SEEDS) -> dict[str, np.ndarray]:
    """Simulate case ``key`` once per seed; one array of per-run values per measure."""
    case = CASES[key]()
    scenario = scenario_from_dict(case.doc)
    runs = [case.measure(simulate(scenario, seed=s)) for s in seeds]
    return {name: np.array([run[name] for run in runs]) for name in runs[0]}
