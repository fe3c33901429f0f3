"""Schema of a route chosen by the shippers: logit over generalized cost.

A flow whose ``route`` is a :class:`RouteChoice` splits its arrivals over
alternative routes by a logit model of their generalized cost, in USD per tonne::

    c = VoT [USD/(t h)] * (mean time [h] + reliability_ratio * (p95 - p50) [h])
        + tariffs + handling fees [USD/t]

    share_i = exp(-scale * c_i + beta * ln PS_i) / sum_j exp(-scale * c_j + beta * ln PS_j)

with ``beta = 0`` for the multinomial logit and ``beta = path_size_beta`` (path-size
factor PS over the distance the alternatives share) for the path-size logit. The
shares are computed from the timetable (a-priori costs) unless ``shares`` fixes
them (as written by the congestion fixed point, ``corridor-sim equilibrate``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from corridor_sim.scenario.base import NonNegFloat, PosFloat, Strict

DEFAULT_SCALE_PER_USD_T = 0.1
"""Assumption: a cost difference of 10 USD/t (120 USD/TEU at 12 t/TEU) gives odds of e : 1."""


class RouteChoice(Strict):
    """Route choice by logit over the generalized cost of alternative routes.

    Attributes
    ----------
    choice : {"logit", "path_size_logit"}
        Multinomial logit, or path-size logit (corrects for overlapping routes).
    scale_per_usd_t : float
        Logit scale (theta), per USD/t of generalized cost.
    value_of_time_usd_per_t_h : float, optional
        Value of time, USD per tonne-hour (default: the flow's).
    reliability_ratio : float
        Weight of the spread ``p95 - p50`` of the route's time against its mean.
    path_size_beta : float
        Coefficient of ln PS in the path-size logit (1 in the standard form).
    alternatives : list of node lists
        The routes to choose among; empty: the ``max_routes`` cheapest simple paths
        (disabled services included: they count while open).
    max_routes : int
        How many cheapest paths to enumerate when ``alternatives`` is empty.
    divert : bool
        Lots arriving while a service or terminal of a route is closed (storm, dated
        closure, not yet opened) choose among the open routes (the logit restricted
        to them); when none is wholly open, among those with the fewest closed gates.
    shares : list of float, optional
        Shares fixed per alternative (written by the congestion fixed point).
    """

    choice: Literal["logit", "path_size_logit"] = "logit"
    scale_per_usd_t: PosFloat = DEFAULT_SCALE_PER_USD_T
    value_of_time_usd_per_t_h: NonNegFloat | None = None
    reliability_ratio: NonNegFloat = 0.5
    path_size_beta: NonNegFloat = 1.0
    alternatives: list[list[str]] = []
    max_routes: int = Field(default=4, ge=1, le=50)
    divert: bool = True
    shares: list[NonNegFloat] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> RouteChoice:
        if any(len(a) < 2 for a in self.alternatives):
            raise ValueError("each alternative is a node list from the origin to the destination")
        if self.shares is not None:
            if len(self.shares) != len(self.alternatives):
                raise ValueError(
                    f"shares ({len(self.shares)}) need one value per alternative "
                    f"({len(self.alternatives)}); list the alternatives explicitly")
            if sum(self.shares) <= 0:
                raise ValueError("shares must not all be zero")
        return self
