"""Base types of the scenario schema: the strict base model, bounded numbers and limits."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

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
CargoClass = Literal["container", "dry_bulk", "liquid_bulk", "general"]


class Strict(BaseModel):
    """Base model: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              allow_inf_nan=False)
