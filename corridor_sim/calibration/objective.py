"""The calibration objective: weighted squared relative error of replication means.

Every evaluation runs the same seeds (common random numbers), so two parameter
vectors are compared on the same arrivals, transit draws and storms, and the
objective is a deterministic function of the parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from corridor_sim.calibration.apply import with_parameters
from corridor_sim.calibration.observe import Runner, observe
from corridor_sim.calibration.spec import CalibrationSpec
from corridor_sim.scenario import Scenario


@dataclass
class Evaluation:
    """One evaluation: parameter values, simulated values per replication, objective."""

    values: tuple[float, ...]
    simulated: np.ndarray  # replications x observations
    objective: float

    @property
    def means(self) -> np.ndarray:
        """Mean over replications of each observation."""
        return np.asarray(self.simulated.mean(axis=0))


def squared_relative_error(means: np.ndarray, spec: CalibrationSpec) -> float:
    """Σ w (mean / reported − 1)² / Σ w over the observations with weight > 0."""
    w = np.array([o.weight for o in spec.observations])
    reported = np.array([o.reported for o in spec.observations])
    rel = np.asarray(means, dtype=float) / reported - 1.0
    return float(np.sum(w * rel ** 2) / np.sum(w))


@dataclass
class Objective:
    """Callable objective over parameter values, remembering every evaluation.

    Parameters
    ----------
    scenario : Scenario
        The scenario as loaded (scaled paths scale its values).
    spec : CalibrationSpec
        Parameters, observations, replications and root seed.
    workers : int or Runner
        Processes running the replications of one evaluation, or an open runner.
    on_evaluation : callable, optional
        Called with each new :class:`Evaluation` (progress).
    """

    scenario: Scenario
    spec: CalibrationSpec
    workers: int | Runner = 1
    on_evaluation: Callable[[Evaluation], None] | None = None
    history: list[Evaluation] = field(default_factory=list)
    _cache: dict[tuple[float, ...], Evaluation] = field(default_factory=dict)

    def evaluate(self, values: Sequence[float] | np.ndarray) -> Evaluation:
        """Simulate at ``values`` (cached: the same values are never run twice)."""
        key = tuple(round(float(v), 12) for v in values)
        if key in self._cache:
            return self._cache[key]
        s = with_parameters(self.scenario, self.spec.parameters, key)
        sim = observe(s, self.spec.observations, self.spec.replications, self.spec.root_seed,
                      self.workers)
        ev = Evaluation(key, sim, squared_relative_error(sim.mean(axis=0), self.spec))
        self._cache[key] = ev
        self.history.append(ev)
        if self.on_evaluation is not None:
            self.on_evaluation(ev)
        return ev

    def __call__(self, values: Sequence[float] | np.ndarray) -> float:
        return self.evaluate(values).objective
