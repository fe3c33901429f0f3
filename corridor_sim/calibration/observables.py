"""Observables by name: how one simulated run is measured against one reported figure.

An observation names its observable in ``metric``. Built in:

``throughput_t``, ``throughput_teu``
    Cargo of the scope over the date range (:func:`corridor_sim.results.targets.measure`:
    a group's or service's trips by departure; a node's cargo out plus cargo delivered).
``cumulative_t``, ``cumulative_teu``
    The same counts as sums of the run's monthly table (whole calendar months): the
    partial-year record (Jan–Jul, Jan–Sep, Jan–Nov) is checked this way.
``departures``
    Trips of a service or group that departed in the date range (ferry calls).
``closed_days``
    Days a node was closed (weather, dated closures) in the date range.
``kpi:METRIC``
    The run's KPI ``METRIC`` of the scope (``results.kpis``, over the measured window;
    the observation's dates must be that window). Any KPI the model reports plugs in by
    name, e.g. ``kpi:total_teu`` (a terminal's corridor and other cargo) or
    ``kpi:railcars_per_call``.
``share:METRIC``
    KPI ``METRIC`` of the scope over its sum across every element of the scope's kind
    (e.g. ``share:throughput_teu`` of ``operator:kmtf``).

``A|B`` tries ``A`` first and uses ``B`` where the run does not report ``A`` (``NaN``):
``kpi:total_t|throughput_t`` measures a terminal's whole load where the model has
background traffic and its corridor load otherwise. An observable the run does not
report at all gives ``NaN``; the calibration then leaves the observation out and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from corridor_sim.results.kpis import in_window
from corridor_sim.results.targets import measure
from corridor_sim.scenario import Scenario, Target
from corridor_sim.scenario.calendar import hours_since

if TYPE_CHECKING:
    from corridor_sim.calibration.spec import Observation
    from corridor_sim.results import Results

UNITS = {"throughput_t": "t", "throughput_teu": "TEU", "cumulative_t": "t",
         "cumulative_teu": "TEU", "departures": "calls", "closed_days": "days"}
"""Built-in observables and their units (``kpi:``/``share:`` observations name theirs)."""

PREFIXES = ("kpi:", "share:")

Measure = Callable[["Results", "Observation", float, float], float]


def alternatives(metric: str) -> list[str]:
    """The observables ``metric`` tries, in order (``A|B`` → ``[A, B]``)."""
    return [m.strip() for m in metric.split("|")]


def known_metric(metric: str) -> bool:
    """Whether every alternative of ``metric`` names an observable."""
    return all(m in UNITS or (m.startswith(PREFIXES) and len(m) > m.index(":") + 1)
               for m in alternatives(metric))


def measured_window(scenario: Scenario) -> tuple[dt.date, dt.date]:
    """First and last-plus-one day of the scenario's measured window (after warm-up)."""
    start = scenario.run.start
    return (start + dt.timedelta(days=scenario.run.warmup_days),
            start + dt.timedelta(days=scenario.run.horizon_days))


def window_h(scenario: Scenario, obs: Observation) -> tuple[float, float]:
    """The observation's date range in simulation hours; ValueError if the run misses it."""
    a = hours_since(scenario.run.start, obs.start)
    b = hours_since(scenario.run.start, obs.end)
    if a < scenario.run.warmup_days * 24.0 or b > scenario.run.horizon_days * 24.0:
        raise ValueError(
            f"observation '{obs.name}' ({obs.start} to {obs.end}) lies outside the measured "
            f"part of scenario '{scenario.name}' (after its warm-up, before its horizon)")
    if any(m.startswith(PREFIXES) for m in alternatives(obs.metric)):
        first, end = measured_window(scenario)
        if (obs.start, obs.end) != (first, end):
            raise ValueError(f"observation '{obs.name}' uses a KPI, which covers the measured "
                             f"window {first} to {end}; give that range (start {first}, end {end})")
    monthly = any(m.startswith("cumulative_") for m in alternatives(obs.metric))
    if monthly and (obs.start.day != 1 or obs.end.day != 1):
        raise ValueError(f"observation '{obs.name}' sums whole months: start and end must "
                             f"be the first of a month, got {obs.start} and {obs.end}")
    return a, b


def _throughput(results: Results, obs: Observation, a: float, b: float, metric: str) -> float:
    target = Target(metric=metric, scope=obs.scope, at_least=0.0)  # type: ignore[arg-type]
    return measure(results.scenario, target, results.trips, results.leg_parcels, results.lots, a, b)


def _cumulative(results: Results, obs: Observation, column: str) -> float:
    kind, _, name = obs.scope.partition(":")
    m = results.monthly
    first, last = f"{obs.start:%Y-%m}", f"{obs.end:%Y-%m}"
    rows = (m["scope"] == kind) & (m["name"] == name) & (m["month"] >= first) & (m["month"] < last)
    return float(m.loc[rows, column].sum())


def _departures(results: Results, obs: Observation, a: float, b: float) -> float:
    kind, _, name = obs.scope.partition(":")
    s = results.scenario
    if kind not in ("service", "group"):
        raise ValueError(f"departures needs a scope service:NAME or group:NAME, got '{obs.scope}'")
    members = [name] if kind == "service" else [n for n, v in s.services.items() if name in v.groups]
    trips = results.trips
    return float((in_window(trips["depart_h"], a, b) & trips["service"].isin(members)).sum())


def closed_days(results: Results, scope: str, a_h: float, b_h: float) -> float:
    """Days node ``scope`` (``node:NAME``) was closed in ``[a_h, b_h)`` (whole days)."""
    kind, _, name = scope.partition(":")
    if kind != "node" or name not in results.scenario.nodes:
        raise ValueError(f"closed_days needs a scope node:NAME of a known node, got '{scope}'")
    d = results.nodes_daily
    rows = (d["node"] == name) & (d["day"] >= a_h / 24.0) & (d["day"] < b_h / 24.0)
    return float(d.loc[rows, "closed_h"].sum() / 24.0)


def _kpi(results: Results, scope: str, metric: str) -> float:
    kind, _, name = scope.partition(":")
    return results.kpi(kind, name, metric)


def _share(results: Results, scope: str, metric: str) -> float:
    kind, _, _ = scope.partition(":")
    k = results.kpis
    total = float(k.loc[(k["scope"] == kind) & (k["metric"] == metric), "value"].sum())
    part = _kpi(results, scope, metric)
    return part / total if total > 0 and np.isfinite(part) else float("nan")


def measure_one(results: Results, obs: Observation, metric: str, a: float, b: float) -> float:
    """One observable (no alternatives) of one run."""
    if metric in ("throughput_t", "throughput_teu"):
        return _throughput(results, obs, a, b, metric)
    if metric in ("cumulative_t", "cumulative_teu"):
        return _cumulative(results, obs, "t" if metric == "cumulative_t" else "teu")
    if metric == "departures":
        return _departures(results, obs, a, b)
    if metric == "closed_days":
        return closed_days(results, obs.scope, a, b)
    kind, _, name = metric.partition(":")
    return _kpi(results, obs.scope, name) if kind == "kpi" else _share(results, obs.scope, name)


def measure_observation(results: Results, obs: Observation) -> float:
    """The simulated value of ``obs`` in one run: its first alternative the run reports."""
    a, b = window_h(results.scenario, obs)
    value = float("nan")
    for metric in alternatives(obs.metric):
        value = measure_one(results, obs, metric, a, b)
        if np.isfinite(value):
            return value
    return value
