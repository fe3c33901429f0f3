"""Probability distributions as they are written in scenario files.

A distribution is written either as a plain number (a fixed value) or as a
one-key mapping, for example ``{triangular: [50, 55, 72]}``. Units are those of
the field that holds it (``transit_h`` is in hours, ``dwell_h`` in hours, ...).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from corridor_sim.scenario.strict_numbers import check_number_types

MAX_CV = 10.0  # coefficient of variation; beyond it draws overflow to inf or nan
_KINDS = ("fixed", "uniform", "triangular", "exponential", "lognormal", "gamma")


class Dist(BaseModel):
    """A non-negative random duration or quantity.

    Exactly one of the fields is set.

    Attributes
    ----------
    fixed : float
        A constant.
    uniform : [low, high]
    triangular : [low, mode, high]
    exponential : float
        The mean.
    lognormal : [mean, cv]
        Mean and coefficient of variation (not the parameters of the
        underlying normal).
    gamma : [mean, cv]
        Mean and coefficient of variation.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    fixed: float | None = None
    uniform: tuple[float, float] | None = None
    triangular: tuple[float, float, float] | None = None
    exponential: float | None = None
    lognormal: tuple[float, float] | None = None
    gamma: tuple[float, float] | None = None

    @model_validator(mode="before")
    @classmethod
    def _number_is_fixed(cls, data: Any) -> Any:
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            return {"fixed": float(data)}
        return data

    @field_validator("*", mode="before")
    @classmethod
    def _strict_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return check_number_types(cls, info.field_name, value)

    @model_validator(mode="after")
    def _exactly_one(self) -> Dist:
        given = [k for k in _KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a distribution is a number or exactly one of "
                f"{', '.join(_KINDS)} (got {', '.join(given) or 'none'})"
            )
        _check_params(given[0], getattr(self, given[0]))
        return self

    @property
    def kind(self) -> str:
        """Name of the distribution family."""
        return next(k for k in _KINDS if getattr(self, k) is not None)

    @property
    def params(self) -> tuple[float, ...]:
        """Parameters as a tuple, in the order they are written."""
        value = getattr(self, self.kind)
        return tuple(value) if isinstance(value, tuple) else (float(value),)

    @property
    def mean(self) -> float:
        """Expected value, in the field's unit."""
        p = self.params
        if self.kind == "uniform":
            return (p[0] + p[1]) / 2.0
        if self.kind == "triangular":
            return (p[0] + p[1] + p[2]) / 3.0
        return p[0]

    def scaled(self, factor: float) -> Dist:
        """The same family with every location parameter multiplied by ``factor``."""
        p = self.params
        value: object
        if self.kind in ("lognormal", "gamma"):
            value = (p[0] * factor, p[1])
        elif self.kind in ("fixed", "exponential"):
            value = p[0] * factor
        else:
            value = tuple(x * factor for x in p)
        return Dist.model_validate({self.kind: value})


def _check_params(kind: str, value: Any) -> None:
    p = tuple(value) if isinstance(value, tuple) else (value,)
    if any(x < 0 for x in p):
        raise ValueError(f"{kind} parameters must be non-negative, got {list(p)}")
    if kind == "uniform" and p[0] > p[1]:
        raise ValueError(f"uniform needs low <= high, got {list(p)}")
    if kind == "triangular" and not (p[0] <= p[1] <= p[2]):
        raise ValueError(f"triangular needs low <= mode <= high, got {list(p)}")
    if kind in ("lognormal", "gamma", "exponential") and p[0] <= 0:
        raise ValueError(f"{kind} needs a positive mean, got {p[0]}")
    if kind == "gamma" and p[1] <= 0:
        raise ValueError(f"gamma needs a positive cv, got {p[1]}")
    if kind in ("lognormal", "gamma") and p[1] > MAX_CV:
        raise ValueError(f"{kind} cv must be at most {MAX_CV:g}, got {p[1]}")
