"""Base types of the scenario schema: the strict base model, bounded numbers and limits."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from corridor_sim.scenario.strict_numbers import check_number_types

# Upper bounds keep a run's memory and event count sane (the engine allocates per day,
# per vehicle and per lot); they sit far above any real corridor.
MAX_HORIZON_DAYS = 36_525.0  # 100 years
MAX_VEHICLES = 10_000
MAX_BERTHS = 10_000
MAX_BATCH_LOTS = 100_000
LAST_END = dt.date(9000, 1, 1)

PosFloat = Annotated[float, Field(gt=0)]
NonNegFloat = Annotated[float, Field(ge=0)]
Fraction = Annotated[float, Field(gt=0, le=1)]
Sources = dict[str, str]


def _twelve_months(values: list[float], info: ValidationInfo) -> list[float]:
    if len(values) != 12:
        raise ValueError(f"{info.field_name} needs 12 monthly values (January to December), "
                         f"got {len(values)}")
    return values


TwelveMonths = AfterValidator(_twelve_months)
"""A monthly profile (``Annotated[list[...], TwelveMonths]``): one value per calendar month."""


class Strict(BaseModel):
    """Base model: unknown keys are errors, values are validated on assignment, and a
    boolean or text is never taken for a number (:mod:`corridor_sim.scenario.strict_numbers`)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _strict_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        return check_number_types(cls, info.field_name, value)
