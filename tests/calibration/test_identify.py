"""Intervals and identifiability: the sandwich on a linear model, rank deficiency, rounding."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from corridor_sim.calibration import CalibrationSpec, Observation, Parameter, identify
from corridor_sim.calibration.identify import (
    fd_steps,
    jacobian,
    noise_covariance,
    rounding_sd,
    significant_digits,
)

D = dt.date


def _spec(weights: tuple[float, ...], reported: tuple[float, ...]) -> CalibrationSpec:
    params = (Parameter("a", (0.0, 2.0), 1.0, set=("x.a",)),
              Parameter("b", (0.0, 2.0), 1.0, set=("x.b",)))
    obs = tuple(Observation(f"o{k}", "group:g", "throughput_t", D(2025, 1, 1), D(2026, 1, 1), r, "",
                            w) for k, (w, r) in enumerate(zip(weights, reported)))
    return CalibrationSpec("lin", params, obs, root_seed=1, check_seed=2)


def test_significant_digits_and_rounding_of_the_record() -> None:
    assert [significant_digits(v) for v in (4_484_000, 3_400_000, 34_600, 0.935, 2.5e6)] == \
        [4, 2, 3, 3, 2]
    assert rounding_sd(3_400_000) == pytest.approx(50_000 / math.sqrt(3) / 3_400_000)


def test_forward_differences_are_exact_on_a_linear_map_and_steps_point_inwards() -> None:
    a = np.array([[1.0, 2.0], [0.5, -1.0], [3.0, 0.0]])
    j = jacobian(lambda x: a @ x + 1.0, [0.3, 1.9], np.array([0.1, -0.1]))
    assert j == pytest.approx(a)
    params = _spec((1, 1, 1), (1, 1, 1)).parameters
    assert list(fd_steps(params, [0.3, 1.95], 0.05)) == [0.1, -0.1]


def test_sandwich_covariance_of_a_linear_model() -> None:
    # m_k / R_k = J x: the weighted LS estimate's covariance is A⁻¹ Jᵀ W Σ W J A⁻¹
    rng = np.random.default_rng(0)
    reported = (1.234e6, 2.345e6, 3.456e6, 4.567e6)   # 4 digits: record noise ~0.02 %
    spec = _spec((1.0, 2.0, 1.0, 0.5), reported)
    j = np.array([[1.0, 0.2], [0.3, 1.0], [0.5, 0.5], [1.0, -0.4]])
    x = np.array([1.0, 1.0])
    sim = np.array(reported) * (1 + 0.01 * rng.standard_normal((50, 4)))  # fits, ±1 % noise
    ident = identify(spec, x, j, sim)
    sigma = noise_covariance(sim, spec.fitted)
    w = np.diag([1.0, 2.0, 1.0, 0.5])
    a_inv = np.linalg.inv(j.T @ w @ j)
    dof_scale = max(1.0, ident.chi2 / 2)
    expected = a_inv @ j.T @ w @ (sigma * dof_scale) @ w @ j @ a_inv
    assert ident.cov == pytest.approx(expected, rel=1e-10)
    assert ident.ci_high - ident.ci_low == pytest.approx(2 * 1.959964 * np.sqrt(np.diag(expected)))
    assert ident.identified.all() and ident.rank == 2 and ident.dof == 2


def test_confounded_parameters_are_not_identified_and_named() -> None:
    # a and b enter only as a + b (like storm rate × duration): one direction is flat
    spec = _spec((1.0, 1.0, 1.0), (1e6, 2e6, 3e6))
    j = np.array([[1.0, 1.0], [2.0, 2.0], [0.5, 0.5]])
    sim = np.tile(np.array([1e6, 2e6, 3e6]) * (j @ [0.5, 0.5]), (10, 1))
    sim *= 1 + 1e-3 * np.random.default_rng(1).standard_normal(sim.shape)
    ident = identify(spec, [0.5, 0.5], j, sim)
    assert ident.singular[-1] < 1e-9 * ident.singular[0]
    assert ident.rank == 1
    assert sorted(ident.trade_off()) == ["a", "b"]
    assert abs(ident.weakest[0]) == pytest.approx(abs(ident.weakest[1]), rel=1e-6)
