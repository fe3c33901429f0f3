"""What the data pins down: linearised least-squares intervals and identifiability.

Around the estimate ``x̂`` the relative errors ``e_k(x) = m_k(x)/R_k − 1`` of the
fitted observations are linear, ``e ≈ e(x̂) + J (x − x̂)``. The weighted least-squares
estimate (weights ``W = diag(w)``) then varies as

    Cov(x̂) = A⁻¹ Jᵀ W Σ W J A⁻¹,   A = Jᵀ W J          (the sandwich)

where ``Σ`` is the covariance of the relative errors: that of the replication means
(estimated from the replications, correlations included) plus the record's rounding
(a figure given to *k* significant digits is uniform within half a unit of the last
one). Where the fit leaves more error than that noise explains (``χ²/(m − p) > 1``),
``Σ`` is scaled up by that factor, so a model that cannot reach the record gets
wider intervals, not false precision. Intervals are ``x̂ ± 1.96 √Cov_ii`` (normal).

Identifiability: the singular values of the Jacobian whitened by the noise and scaled
by each parameter's search range. A parameter is *identified* when its 95 % interval
is narrower than its search range; the smallest singular value's vector names the
combination the observations cannot tell apart (e.g. more cargo offered vs. less fleet).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from corridor_sim.calibration.spec import CalibrationSpec, Observation, Parameter

Z95 = 1.959963984540054
METHOD = ("linearised weighted least squares (sandwich covariance: replication noise of the "
          "means + rounding of the record, scaled up by χ²/(m−p) when above 1); "
          "finite-difference Jacobian on the fit's common random numbers")


def significant_digits(value: float) -> int:
    """Significant digits of a reported figure (trailing zeros of an integer do not count)."""
    if value == 0 or not math.isfinite(value):
        return 1
    text = f"{abs(value):.10g}"
    if "e" in text:
        text = f"{abs(value):f}"
    digits = text.replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")) if "." not in text else len(digits))


def rounding_sd(value: float) -> float:
    """Relative standard deviation of the rounding of ``value`` (uniform ± half a unit)."""
    k = significant_digits(value)
    unit = 10.0 ** (math.floor(math.log10(abs(value))) - k + 1)
    return 0.5 * unit / math.sqrt(3.0) / abs(value)


def fd_steps(parameters: Sequence[Parameter], x: Sequence[float] | np.ndarray,
             fraction: float) -> np.ndarray:
    """Signed step per parameter: ``fraction`` of its range, pointing away from the nearer bound.

    Sized to the noise: with common random numbers a step of a few per cent of the
    range moves the observables by well more than the paths' divergence does.
    """
    out = []
    for p, v in zip(parameters, x):
        lo, hi = p.bounds
        h = fraction * (hi - lo)
        out.append(h if v + h <= hi else -h)
    return np.array(out)


def jacobian(evaluate: Callable[[np.ndarray], np.ndarray], x: Sequence[float] | np.ndarray,
             steps: np.ndarray, base: np.ndarray | None = None) -> np.ndarray:
    """Forward-difference Jacobian of ``evaluate`` (a vector function) at ``x``."""
    x0 = np.asarray(x, dtype=float)
    f0 = evaluate(x0) if base is None else base
    cols = []
    for i, h in enumerate(steps):
        xi = x0.copy()
        xi[i] += h
        cols.append((evaluate(xi) - f0) / h)
    return np.column_stack(cols)


@dataclass
class Identification:
    """Estimate, interval and identifiability of each fitted parameter.

    Attributes
    ----------
    names : tuple of str
        Parameters, in the spec's order.
    estimate, sd : numpy.ndarray
        Point estimate and standard deviation (the parameters' own units).
    cov : numpy.ndarray
        Covariance of the estimate (p × p).
    ci_low, ci_high : numpy.ndarray
        95 % interval (normal, linearised).
    identified : numpy.ndarray of bool
        Interval narrower than the search range.
    singular : numpy.ndarray
        Singular values of the whitened, range-scaled Jacobian (descending).
    weakest : numpy.ndarray
        Right singular vector of the smallest singular value (range-scaled units).
    chi2 : float
        Σ whitened squared residuals at the estimate.
    dof : int
        Fitted observations minus parameters.
    method : str
        How the intervals were made.
    """

    names: tuple[str, ...]
    estimate: np.ndarray
    sd: np.ndarray
    cov: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    identified: np.ndarray
    singular: np.ndarray
    weakest: np.ndarray
    chi2: float
    dof: int
    method: str = METHOD

    @property
    def condition(self) -> float:
        """Largest over smallest singular value (∞ if rank-deficient)."""
        s = self.singular
        return float(s[0] / s[-1]) if s[-1] > 0 else math.inf

    @property
    def rank(self) -> int:
        """Directions along which a change across the search range moves the observables by
        more than one noise standard deviation (singular value above 1)."""
        return int(np.sum(self.singular > 1.0))

    def trade_off(self, threshold: float = 0.3) -> list[str]:
        """Parameters that load on the weakest direction (the ones the data confound)."""
        return [n for n, v in zip(self.names, self.weakest) if abs(v) >= threshold]


def noise_covariance(simulated: np.ndarray, observations: Sequence[Observation]) -> np.ndarray:
    """Covariance of the relative errors: replication means plus the record's rounding."""
    reported = np.array([o.reported for o in observations])
    n = simulated.shape[0]
    rel = simulated / reported
    sim = np.cov(rel, rowvar=False, ddof=1) / n if n > 1 else np.zeros((len(reported),) * 2)
    sim = np.atleast_2d(sim)
    rec = np.diag([rounding_sd(o.reported) ** 2 for o in observations])
    result: np.ndarray = sim + rec
    return result


def identify(spec: CalibrationSpec, estimate: Sequence[float] | np.ndarray, jac_rel: np.ndarray,
             simulated: np.ndarray) -> Identification:
    """Intervals and identifiability from the relative-error Jacobian at the estimate.

    Parameters
    ----------
    spec : CalibrationSpec
        Its fitted observations (weight > 0) are the rows of ``jac_rel``.
    estimate : sequence of float
        The parameter values.
    jac_rel : numpy.ndarray
        ``∂(m_k / R_k) / ∂x_i`` over the fitted observations (m × p).
    simulated : numpy.ndarray
        Replications × fitted observations at the estimate.
    """
    fitted = spec.fitted
    x = np.asarray(estimate, dtype=float)
    w = np.diag([o.weight for o in fitted])
    sigma = noise_covariance(simulated, fitted)
    e = simulated.mean(axis=0) / np.array([o.reported for o in fitted]) - 1.0
    chol = np.linalg.cholesky(sigma)
    white = np.linalg.solve(chol, e)
    chi2 = float(white @ white)
    dof = len(fitted) - len(x)
    scale = max(1.0, chi2 / dof) if dof > 0 else 1.0
    a = jac_rel.T @ w @ jac_rel
    a_inv = np.linalg.pinv(a)
    cov = a_inv @ jac_rel.T @ w @ (sigma * scale) @ w @ jac_rel @ a_inv
    sd = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    ranges = np.array([p.bounds[1] - p.bounds[0] for p in spec.parameters])
    scaled = np.linalg.solve(chol, jac_rel) * ranges / math.sqrt(scale)
    _, singular, vt = np.linalg.svd(scaled, full_matrices=False)
    return Identification(tuple(p.name for p in spec.parameters), x, sd, cov, x - Z95 * sd,
                          x + Z95 * sd, 2 * Z95 * sd < ranges, singular, vt[-1], chi2, dof)
