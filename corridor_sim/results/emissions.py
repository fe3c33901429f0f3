"""Well-to-wheel CO2e emissions of the transport legs, as rows of the KPI table.

A lot of ``t`` tonnes travelling one leg on service ``s`` emits
``t × s.distance_km × factor_g_per_tkm`` grams CO2e, where the factor comes from the
service's ``emission_factor_g_per_tkm`` or, by default, from the packaged
``corridor_sim/data/emissions.yaml`` (mode, cargo class, and for rail the traction of
the origin node's country; each factor with its publication, table and year).

Legs count when they *depart* in the measurement window (activity in the period, as
service throughput counts trips departing in it). KPIs, each for every flow, service,
service group and the whole run (scope ``total``, name ``all``):

- ``transport_tkm`` — tonne-kilometres of cargo moved (t-km);
- ``emissions_t_co2e`` — tonnes CO2e, well-to-wheel;
- ``emissions_g_per_tkm`` — their ratio (g CO2e per t-km; NaN without t-km).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Literal, cast, get_args

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from corridor_sim.results.kpis import KpiRow
from corridor_sim.scenario.schema import CARGO_CLASSES, Mode, Scenario

TOTAL_SCOPE = "total"
TOTAL_NAME = "all"
G_PER_T = 1e6


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Factor(_Strict):
    """One emission factor: WTW g CO2e per t-km, given whole or as TTW + WTT."""

    g_per_tkm: float | None = Field(default=None, ge=0)
    ttw_g_per_tkm: float | None = Field(default=None, ge=0)
    wtt_g_per_tkm: float | None = Field(default=None, ge=0)
    source: str

    @model_validator(mode="after")
    def _one_form(self) -> Factor:
        parts = [self.ttw_g_per_tkm, self.wtt_g_per_tkm]
        whole = self.g_per_tkm is not None and parts == [None, None]
        split = self.g_per_tkm is None and None not in parts
        if not (whole or split):
            raise ValueError("give either g_per_tkm or both ttw_g_per_tkm and wtt_g_per_tkm")
        return self

    @property
    def wtw_g_per_tkm(self) -> float:
        """Well-to-wheel grams CO2e per tonne-km of cargo."""
        if self.g_per_tkm is not None:
            return self.g_per_tkm
        return float(self.ttw_g_per_tkm) + float(self.wtt_g_per_tkm)  # type: ignore[arg-type]


class Grid(_Strict):
    """Emission intensity of a country's electricity (g CO2e per kWh)."""

    g_per_kwh: float = Field(ge=0)
    year: int
    source: str


class ElectricRail(_Strict):
    """Traction electricity of electric freight trains (kWh per t-km)."""

    kwh_per_tkm: float = Field(gt=0)
    source: str


class EmissionData(_Strict):
    """The packaged factor tables (``corridor_sim/data/emissions.yaml``)."""

    factors: dict[str, Factor]
    electric_rail: ElectricRail
    grids: dict[str, Grid]
    rail_traction: dict[str, Literal["diesel", "electric"]]
    modes: dict[Mode, dict[str, str]]

    @model_validator(mode="after")
    def _references(self) -> EmissionData:
        missing = [m for m in get_args(Mode) if m not in self.modes]
        if missing:
            raise ValueError(f"modes: no factors for {', '.join(missing)}")
        for mode, table in self.modes.items():
            if "default" not in table:
                raise ValueError(f"modes.{mode} needs a default factor")
            for key, factor in table.items():
                if key != "default" and key not in CARGO_CLASSES:
                    raise ValueError(f"modes.{mode}.{key}: not a cargo class")
                if factor not in self.factors:
                    raise ValueError(f"modes.{mode}.{key}: unknown factor '{factor}'")
        for country, traction in self.rail_traction.items():
            if traction == "electric" and country not in self.grids:
                raise ValueError(f"rail_traction.{country}: electric, but no grid intensity")
        if "rail_diesel" not in self.factors:
            raise ValueError("factors.rail_diesel is needed for diesel rail")
        return self

    def rail_g_per_tkm(self, country: str) -> float:
        """Rail factor for trains starting in ``country`` (diesel if unknown)."""
        if self.rail_traction.get(country) == "electric":
            return self.electric_rail.kwh_per_tkm * self.grids[country].g_per_kwh
        return self.factors["rail_diesel"].wtw_g_per_tkm

    def mode_g_per_tkm(self, mode: str, cargo: str) -> float:
        """Factor of a vessel or vehicle type by mode and the cargo class it carries."""
        table = self.modes[cast(Mode, mode)]
        return self.factors[table.get(cargo, table["default"])].wtw_g_per_tkm


@lru_cache(maxsize=1)
def default_data() -> EmissionData:
    """The packaged emission factors (read once)."""
    text = (resources.files("corridor_sim") / "data" / "emissions.yaml").read_text("utf-8")
    return EmissionData.model_validate(yaml.safe_load(text))


def factor_g_per_tkm(scenario: Scenario, service: str, cargo: str,
                     data: EmissionData | None = None) -> float:
    """WTW g CO2e per t-km for ``cargo`` carried on ``service`` of ``scenario``."""
    data = data or default_data()
    svc = scenario.services[service]
    if svc.emission_factor_g_per_tkm is not None:
        return svc.emission_factor_g_per_tkm
    if svc.mode == "rail":
        return data.rail_g_per_tkm(scenario.nodes[svc.from_].country)
    return data.mode_g_per_tkm(svc.mode, cargo)


def leg_emissions(scenario: Scenario, legs: pd.DataFrame, t0_h: float, t1_h: float,
                  data: EmissionData | None = None) -> pd.DataFrame:
    """Per service and flow with legs departing in the window: t-km and t CO2e.

    Sums tonnes per (service, flow) pair with one ``bincount`` over the categorical
    codes (the legs table has a row per lot and leg: millions on multi-year runs).
    """
    depart = legs["depart_h"].to_numpy(float)
    mask = (depart >= t0_h) & (depart < t1_h)
    svc, flow = legs["service"].astype("category"), legs["flow"].astype("category")
    svc_names, flow_names = list(map(str, svc.cat.categories)), list(map(str, flow.cat.categories))
    nf = len(flow_names)
    pair = svc.cat.codes.to_numpy(np.int64)[mask] * nf + flow.cat.codes.to_numpy(np.int64)[mask]
    t = np.bincount(pair, weights=legs["t"].to_numpy(float)[mask], minlength=len(svc_names) * nf)
    keys = np.flatnonzero(t)
    services = [svc_names[k // nf] for k in keys]
    flows = [flow_names[k % nf] for k in keys]
    km = np.array([scenario.services[s].distance_km for s in services], dtype=float)
    factor = np.array([factor_g_per_tkm(scenario, s, scenario.flows[f].cargo, data)
                       for s, f in zip(services, flows)], dtype=float)
    tkm = t[keys] * km
    result: pd.DataFrame = pd.DataFrame({"service": pd.Series(services, dtype=object),
                         "flow": pd.Series(flows, dtype=object),
                         "tkm": tkm, "t_co2e": tkm * factor / G_PER_T})
    return result


def _rows(scope: str, names: Iterable[str], sums: pd.DataFrame) -> list[KpiRow]:
    rows: list[KpiRow] = []
    for name in names:
        tkm = float(sums["tkm"].get(name, 0.0))
        t_co2e = float(sums["t_co2e"].get(name, 0.0))
        rows += [
            (scope, name, "transport_tkm", tkm, "t-km"),
            (scope, name, "emissions_t_co2e", t_co2e, "t CO2e"),
            (scope, name, "emissions_g_per_tkm", t_co2e * G_PER_T / tkm if tkm else np.nan,
             "g CO2e/t-km"),
        ]
    return rows


def emission_kpis(scenario: Scenario, legs: pd.DataFrame, t0_h: float, t1_h: float,
                  data: EmissionData | None = None) -> list[KpiRow]:
    """KPI rows ``(scope, name, metric, value, unit)``: flows, services, groups, total."""
    e = leg_emissions(scenario, legs, t0_h, t1_h, data)
    groups = sorted({g for s in scenario.services.values() for g in s.groups})
    member = [(g, n) for n, s in scenario.services.items() for g in s.groups]
    by_group = pd.DataFrame(member, columns=["group", "service"]).merge(e, on="service")
    total = pd.DataFrame({"tkm": [e["tkm"].sum()], "t_co2e": [e["t_co2e"].sum()]},
                         index=[TOTAL_NAME])
    return [
        *_rows("flow", scenario.flows, e.groupby("flow")[["tkm", "t_co2e"]].sum()),
        *_rows("service", scenario.services, e.groupby("service")[["tkm", "t_co2e"]].sum()),
        *_rows("group", groups, by_group.groupby("group")[["tkm", "t_co2e"]].sum()),
        *_rows(TOTAL_SCOPE, [TOTAL_NAME], total),
    ]
