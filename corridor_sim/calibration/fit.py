"""Fit the parameters: bounded least squares on the common-random-numbers objective.

The residual of observation ``k`` is ``√w_k · (simulated mean / reported − 1)``;
the objective is their sum of squares over ``Σ w``. scipy's trust-region
reflective method keeps every parameter inside its bounds. Its Jacobian is taken
by forward differences with a relative step (``diff_step``) large enough that the
difference is driven by the parameter, not by replication noise (every
evaluation runs the same seeds, so that noise is small, but a different lot or
vessel decision early in a run does change its path).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize

from corridor_sim.calibration.objective import Evaluation, Objective
from corridor_sim.calibration.spec import CalibrationSpec
from corridor_sim.scenario import Scenario


@dataclass
class FitResult:
    """The fitted values and how the search went.

    Attributes
    ----------
    spec : CalibrationSpec
        What was fitted to what.
    values : tuple of float
        Fitted parameter values, in the order of ``spec.parameters``.
    best : Evaluation
        The evaluation at ``values`` (per-replication simulated observations).
    evaluations : int
        Objective evaluations run (each one ``spec.replications`` simulations).
    converged : bool
        Whether the optimiser met one of its tolerances.
    message : str
        The optimiser's message.
    history : list of Evaluation
        Every evaluation, in order.
    """

    spec: CalibrationSpec
    values: tuple[float, ...]
    best: Evaluation
    evaluations: int
    converged: bool
    message: str
    history: list[Evaluation]


def residuals(evaluation: Evaluation, spec: CalibrationSpec) -> np.ndarray:
    """``√w (mean / reported − 1)`` of each observation with weight > 0."""
    out = []
    for obs, mean in zip(spec.observations, evaluation.means):
        if obs.weight > 0:
            out.append(np.sqrt(obs.weight) * (mean / obs.reported - 1.0))
    return np.array(out)


MAX_STEPS = 8


def most_evaluations(n_parameters: int, max_steps: int = MAX_STEPS) -> int:
    """An upper bound on the objective evaluations of :func:`fit` (for a progress bar).

    Each of at most ``max_steps`` steps evaluates the point and a forward
    difference per parameter; one more evaluation gives the result.
    """
    return max_steps * (n_parameters + 1) + 1


def fit(scenario: Scenario, spec: CalibrationSpec, workers: int = 1, diff_step: float = 0.03,
        xtol: float = 2e-3, ftol: float = 1e-4, max_steps: int = MAX_STEPS,
        on_evaluation: Callable[[Evaluation], None] | None = None) -> FitResult:
    """Fit the spec's parameters to its observations.

    Parameters
    ----------
    scenario : Scenario
        The scenario to calibrate, as loaded.
    spec : CalibrationSpec
        Parameters (bounds, start), observations (weights), replications, root seed.
    workers : int
        Processes per evaluation.
    diff_step : float
        Relative step of the finite-difference Jacobian.
    xtol, ftol : float
        Stop when a step changes the parameters (relative) or the objective by less.
    max_steps : int
        Upper limit on optimiser steps (each also evaluates a Jacobian: one more
        evaluation per parameter).
    on_evaluation : callable, optional
        Called after each new evaluation.

    Returns
    -------
    FitResult
    """
    if len(spec.fitted) < len(spec.parameters):
        raise ValueError(f"{len(spec.parameters)} parameters need at least as many weighted "
                         f"observations, got {len(spec.fitted)}")
    objective = Objective(scenario, spec, workers, on_evaluation)
    lo, hi = zip(*(p.bounds for p in spec.parameters))

    def fun(x: np.ndarray) -> np.ndarray:
        if not np.all(np.isfinite(x)):
            raise ValueError(f"the fit found no slope: the observations do not change within a "
                             f"relative step of {diff_step:g} of the parameters (try a larger "
                             f"diff_step, longer observation windows or more replications)")
        return residuals(objective.evaluate(x), spec)

    res = optimize.least_squares(
        fun, np.array(spec.starts()),
        bounds=(np.array(lo), np.array(hi)), method="trf", diff_step=diff_step,
        xtol=xtol, ftol=ftol, gtol=None, max_nfev=max_steps)
    best = objective.evaluate(res.x)
    return FitResult(spec, best.values, best, len(objective.history), bool(res.status > 0),
                     str(res.message), objective.history)
