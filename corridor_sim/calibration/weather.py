"""Caspian storm model: expected closed days per month, and the fit of the monthly rates.

The engine closes a weather zone by an alternating process: while open, a closure
starts at rate ``r(t)`` per day (``closure_starts_per_day`` of the month); it lasts
a draw of ``duration_days``. The closed probability ``c(t)`` obeys the renewal
equation

    c(t) = ∫₀^∞ r(t−u) · (1 − c(t−u)) · S(u) du,

with ``S`` the survival function of the duration. In a long month of constant rate
it tends to ``r·d / (1 + r·d)`` (``d`` the mean duration), but closures run over
month ends (December's storms close part of January), so the fit solves the
equation itself, in 3-hour steps, over a year preceded by a warm-up year.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from corridor_sim.scenario.calendar import HOURS_PER_DAY
from corridor_sim.scenario.distributions import Dist

Rates = Sequence[float] | np.ndarray

STEP_H = 3.0  # hours; the closed days differ from a 1-h step by < 2e-5 (relative)


def days_in_months(year: int) -> np.ndarray:
    """Days of each month of ``year`` (12 integers)."""
    return np.array([calendar.monthrange(year, m)[1] for m in range(1, 13)], dtype=float)


def survival(duration: Dist, ages_days: np.ndarray) -> np.ndarray:
    """P(a closure lasts longer than each age), for ages in days."""
    p, kind = duration.params, duration.kind
    if kind == "fixed":
        return (ages_days < p[0]).astype(float)
    if kind == "uniform":
        return np.asarray(stats.uniform(p[0], max(p[1] - p[0], 1e-12)).sf(ages_days))
    if kind == "triangular":
        width = max(p[2] - p[0], 1e-12)
        return np.asarray(stats.triang((p[1] - p[0]) / width, p[0], width).sf(ages_days))
    if kind == "exponential":
        return np.exp(-ages_days / p[0])
    sigma2 = np.log1p(p[1] ** 2)
    if kind == "lognormal":
        return np.asarray(stats.lognorm(np.sqrt(sigma2), scale=p[0] * np.exp(-sigma2 / 2)).sf(ages_days))
    shape = 1.0 / p[1] ** 2
    return np.asarray(stats.gamma(shape, scale=p[0] / shape).sf(ages_days))


def _kernel(duration: Dist, step_h: float) -> np.ndarray:
    """S averaged over each step of age, steps 1, 2, ... (index 0 = age 1 step).

    A closure that started during step ``t − j`` is, at the middle of step ``t``, between
    ``j − ½`` and ``j + ½`` steps old; averaging S over that interval (16 points) keeps
    the kernel's sum equal to the mean duration even for a fixed duration.
    """
    horizon_days = max(duration.mean * 20.0, 30.0)
    steps = np.arange(1, int(horizon_days * HOURS_PER_DAY / step_h) + 1)
    offsets = (np.arange(16) + 0.5) / 16 - 0.5
    ages = (steps[:, None] + offsets[None, :]) * step_h / HOURS_PER_DAY
    s = survival(duration, ages.ravel()).reshape(ages.shape).mean(axis=1)
    keep = np.nonzero(s > 1e-9)[0]
    result: np.ndarray = s[: keep[-1] + 1] if len(keep) else s[:1] * 0.0
    return result


def _steps_per_month(year: int, step_h: float) -> np.ndarray:
    if HOURS_PER_DAY % step_h:
        raise ValueError(f"step_h must divide 24 h, got {step_h}")
    return (days_in_months(year) * (HOURS_PER_DAY / step_h)).astype(int)


def closed_probability(rates_per_day: Rates, duration: Dist, year: int,
                       step_h: float = STEP_H) -> np.ndarray:
    """Probability that the zone is closed, per step of ``year`` (after a warm-up year).

    Parameters
    ----------
    rates_per_day : 12 floats
        Closure starts per open day, January to December.
    duration : Dist
        Closure duration in days.
    year : int
        Calendar year reported (leap years have 8784 hours).
    step_h : float
        Time step in hours (a divisor of 24).

    Returns
    -------
    numpy.ndarray
        One closed probability per step of ``year`` (mid-step value).
    """
    kernel = _kernel(duration, step_h)
    k = len(kernel)
    per_step = np.asarray(rates_per_day, float) / HOURS_PER_DAY * step_h
    rate = np.concatenate([np.repeat(per_step, _steps_per_month(y, step_h)) for y in (year - 1, year)])
    starts = np.zeros(k + len(rate))  # zero padding: the warm-up year starts open
    closed = np.empty(len(rate))
    rev = kernel[::-1].copy()
    for t, r in enumerate(rate):
        a = float(np.dot(starts[t: t + k], rev))
        c = (a + 0.5 * r) / (1.0 + 0.5 * r)
        closed[t] = c
        starts[t + k] = r * (1.0 - c)
    return closed[int(_steps_per_month(year - 1, step_h).sum()):]


def closed_days_by_month(rates_per_day: Rates, duration: Dist, year: int,
                         step_h: float = STEP_H) -> np.ndarray:
    """Expected closed days in each month of ``year`` (12 floats)."""
    p = closed_probability(rates_per_day, duration, year, step_h)
    bounds = np.concatenate([[0], np.cumsum(_steps_per_month(year, step_h))])
    return np.array([p[a:b].sum() * step_h / HOURS_PER_DAY for a, b in zip(bounds, bounds[1:])])


def steady_state_rates(closed_fraction: Sequence[float], duration: Dist) -> np.ndarray:
    """Rates per open day that give each closed fraction in a long month: f / (d (1 − f))."""
    f = np.asarray(closed_fraction, dtype=float)
    return f / (duration.mean * (1.0 - f))


def steady_state_fraction(rates_per_day: Sequence[float], duration: Dist) -> np.ndarray:
    """Closed fraction of a long month at each rate: r d / (1 + r d)."""
    rd = np.asarray(rates_per_day, dtype=float) * duration.mean
    return rd / (1.0 + rd)


def fit_closure_rates(target_days: Sequence[float], duration: Dist, year: int,
                      sig_digits: int = 3) -> np.ndarray:
    """Monthly closure rates whose expected closed days match ``target_days`` in ``year``.

    Starts from the steady-state rates and solves the renewal equation for all 12
    months together with :func:`scipy.optimize.least_squares` on log rates
    (relative error per month). The result is rounded to ``sig_digits``
    significant digits, as it is written in the network file.

    Parameters
    ----------
    target_days : 12 floats
        Expected closed days wanted in each month of ``year``.
    duration : Dist
        Closure duration in days.
    year : int
        Calendar year the targets refer to.

    Returns
    -------
    numpy.ndarray
        12 rates, closure starts per open day.
    """
    target = np.asarray(target_days, dtype=float)
    if target.shape != (12,) or np.any(target <= 0) or np.any(target >= days_in_months(year)):
        raise ValueError("target_days needs 12 values, each above 0 and below the month's days")
    start = steady_state_rates(target / days_in_months(year), duration)

    def residuals(log_r: np.ndarray) -> np.ndarray:
        result: np.ndarray = closed_days_by_month(np.exp(log_r), duration, year) / target - 1.0
        return result

    fit = optimize.least_squares(residuals, np.log(start), xtol=1e-10, ftol=1e-10,
                                 diff_step=1e-4)
    return np.array([float(f"{r:.{sig_digits}g}") for r in np.exp(fit.x)])


@dataclass
class WeatherFit:
    """The fitted storm rates of a zone and what they give, month by month.

    Attributes
    ----------
    year : int
        Calendar year of the targets.
    duration : Dist
        Closure duration (days).
    target_days : numpy.ndarray
        Closed days wanted per month.
    steady_rates : numpy.ndarray
        Rates of the long-month formula ``f / (d (1 − f))`` (the starting point).
    steady_days : numpy.ndarray
        Closed days the steady rates really give (closures cross month ends).
    rates : numpy.ndarray
        Fitted rates (closure starts per open day), rounded to 3 significant digits.
    fitted_days : numpy.ndarray
        Closed days the fitted rates give.
    """

    year: int
    duration: Dist
    target_days: np.ndarray
    steady_rates: np.ndarray
    steady_days: np.ndarray
    rates: np.ndarray
    fitted_days: np.ndarray


def fit_weather(closed_fraction: Sequence[float], duration: Dist, year: int) -> WeatherFit:
    """Fit monthly storm rates to a target closed fraction per month of ``year``."""
    target = np.asarray(closed_fraction, dtype=float) * days_in_months(year)
    steady = steady_state_rates(closed_fraction, duration)
    rates = fit_closure_rates(target, duration, year)
    return WeatherFit(year, duration, target, steady, closed_days_by_month(steady, duration, year),
                      rates, closed_days_by_month(rates, duration, year))
