"""Fit the parameters: bounded least squares on the common-random-numbers objective.

The residual of observation ``k`` is ``√w_k · (simulated mean / reported − 1)``;
the objective is their sum of squares over ``Σ w``. scipy's trust-region
reflective method keeps every parameter inside its bounds. It starts from the
values the scenario holds (the last fit: a good start), and its Jacobian is taken
by forward differences with a step of a fixed fraction of each parameter's search
range (``step_fraction``), large enough that the difference is driven by the
parameter, not by replication noise (every evaluation runs the same seeds, so that
noise is small, but a different lot or vessel decision early in a run does change
its path). The last Jacobian is kept: it gives the intervals (:mod:`.identify`).

Besides scipy's tolerances the fit stops when every fitted mean lies within its 95 %
sampling interval of the record (Student t over the replications): closer than that,
a step improves the fit to these seeds only, not to the record (the independent-seed
check would not see it), so the search would chase the replication noise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from corridor_sim.calibration.identify import fd_steps, jacobian
from corridor_sim.calibration.objective import Evaluation, Objective
from corridor_sim.calibration.observe import Runner
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
    jacobian : numpy.ndarray
        ``∂(mean / reported) / ∂x`` of the fitted observations at ``values`` (m × p).
    """

    spec: CalibrationSpec
    values: tuple[float, ...]
    best: Evaluation
    evaluations: int
    converged: bool
    message: str
    history: list[Evaluation]
    jacobian: np.ndarray


def residuals(evaluation: Evaluation, spec: CalibrationSpec) -> np.ndarray:
    """``√w (mean / reported − 1)`` of each observation with weight > 0."""
    out = []
    for obs, mean in zip(spec.observations, evaluation.means):
        if obs.weight > 0:
            out.append(np.sqrt(obs.weight) * (mean / obs.reported - 1.0))
    return np.array(out)


def relative_errors(evaluation: Evaluation, spec: CalibrationSpec) -> np.ndarray:
    """``mean / reported`` of each fitted observation (weight > 0)."""
    return np.array([m / o.reported for o, m in zip(spec.observations, evaluation.means)
                     if o.weight > 0])


class _WithinNoise(Exception):
    """Raised by the residual function when every fitted mean is within its noise."""

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__("within noise")
        self.evaluation = evaluation


WITHIN_NOISE = ("every fitted mean is within its 95 % sampling interval of the record "
                "(closer would fit these seeds, not the record)")


def within_noise(evaluation: Evaluation, spec: CalibrationSpec, level: float = 0.95) -> bool:
    """Whether each fitted observation's mean is within its ``level`` t interval of the record."""
    sim = evaluation.simulated
    n = len(sim)
    if n < 2:
        return False
    half = stats.t.ppf(0.5 + level / 2, n - 1) * sim.std(axis=0, ddof=1) / np.sqrt(n)
    return all(abs(m - o.reported) <= h for o, m, h in
               zip(spec.observations, evaluation.means, half) if o.weight > 0)


def fit(scenario: Scenario, spec: CalibrationSpec, workers: int | Runner = 1,
        step_fraction: float = 0.05, xtol: float = 2e-3, ftol: float = 1e-3, max_steps: int = 12,
        on_evaluation: Callable[[Evaluation], None] | None = None,
        start: list[float] | None = None, noise_stop: float | None = 0.95) -> FitResult:
    """Fit the spec's parameters to its observations.

    Parameters
    ----------
    scenario : Scenario
        The scenario to calibrate, as loaded.
    spec : CalibrationSpec
        Parameters (bounds), observations (weights), replications, root seed.
    workers : int or Runner
        Processes per evaluation, or an open runner (Dask).
    step_fraction : float
        Finite-difference step as a fraction of each parameter's search range.
    xtol, ftol : float
        Stop when a step changes the parameters (relative) or the objective by less;
        ``ftol`` 1e-3 is well below the replication noise of a 20-run objective. The fit
        also stops at the first evaluation whose fitted means are all within their
        95 % sampling intervals of the record (:func:`within_noise`).
    noise_stop : float or None
        Level of that sampling interval (None: only scipy's tolerances stop the fit,
        e.g. to test the optimiser on a record the model made itself).
    max_steps : int
        Upper limit on objective evaluations outside the Jacobians.
    on_evaluation : callable, optional
        Called after each new evaluation.
    start : list of float, optional
        Where to start (default: the spec's starts), clipped to the bounds.

    Returns
    -------
    FitResult
    """
    if len(spec.fitted) < len(spec.parameters):
        raise ValueError(f"{len(spec.parameters)} parameters need at least as many weighted "
                         f"observations, got {len(spec.fitted)}")
    objective = Objective(scenario, spec, workers, on_evaluation)
    lo, hi = (np.array(b) for b in zip(*(p.bounds for p in spec.parameters)))
    w = np.sqrt([o.weight for o in spec.fitted])

    def fun(x: np.ndarray) -> np.ndarray:
        ev = objective.evaluate(x)
        if noise_stop is not None and within_noise(ev, spec, noise_stop):
            raise _WithinNoise(ev)
        return residuals(ev, spec)

    def rel(x: np.ndarray) -> np.ndarray:
        return relative_errors(objective.evaluate(x), spec)

    def jac(x: np.ndarray) -> np.ndarray:
        scaled: np.ndarray = w[:, None] * jacobian(rel, x, fd_steps(spec.parameters, x, step_fraction))
        return scaled

    x0 = np.clip(np.array(start if start is not None else spec.starts(), dtype=float), lo, hi)
    try:
        res = optimize.least_squares(fun, x0, jac=jac, bounds=(lo, hi), method="trf",
                                     xtol=xtol, ftol=ftol, gtol=None, max_nfev=max_steps)
        x, converged, message = res.x, bool(res.status > 0), str(res.message)
    except _WithinNoise as stop:
        x, converged, message = np.array(stop.evaluation.values), True, WITHIN_NOISE
    best = objective.evaluate(x)
    j_rel = jacobian(rel, x, fd_steps(spec.parameters, x, step_fraction))
    return FitResult(spec, best.values, best, len(objective.history), converged,
                     message, objective.history, j_rel)
