"""The measurement window: scenario states between dated changes, closures, demand.

Static capacity is stated for the scenario's measurement window (from the end of
the warm-up to the horizon), annualised: a dated change inside the window (a fleet
grows, a terminal opens) splits it into pieces whose capacities are averaged by
duration; weather and dated closures are taken over the window's own months; the
demand is the expected volume created in the window (seasonality, growth and the
flows' dated changes included), annualised with 8766 h a year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from corridor_sim.engine.demand import month_weights
from corridor_sim.scenario.calendar import HOURS_PER_DAY, Calendar, hours_since
from corridor_sim.scenario.cargo import CARGO
from corridor_sim.scenario.schema import DatedClosure, Flow, Scenario
from corridor_sim.scenario.timeline import Version, flow_versions, versions


@dataclass(frozen=True)
class Piece:
    """A stretch ``[start_h, end_h)`` of the window with one scenario state."""

    start_h: float
    end_h: float
    scenario: Scenario


def window_h(scenario: Scenario) -> tuple[float, float]:
    """The measurement window in hours from the start: (warm-up end, horizon)."""
    run = scenario.run
    return run.warmup_days * HOURS_PER_DAY, run.horizon_days * HOURS_PER_DAY


def pieces(scenario: Scenario) -> list[Piece]:
    """Scenario states over the window, split at dated changes to services and nodes."""
    t0, t1 = window_h(scenario)
    history = versions(scenario)
    state = history[0].scenario
    out: list[Piece] = []
    since = t0
    for version in history[1:]:
        if not (version.touches("services") or version.touches("nodes")) or version.start_h >= t1:
            continue
        if version.start_h > since:
            out.append(Piece(since, version.start_h, state))
            since = version.start_h
        state = version.scenario
    out.append(Piece(since, t1, state))
    return out


def without_closures(scenario: Scenario) -> Scenario:
    """A copy with no weather zones attached and no dated closures (hard limits only)."""
    out = scenario.model_copy(deep=True)
    for node in out.nodes.values():
        node.weather = None
        node.closures = []
    for svc in out.services.values():
        svc.weather = None
        svc.closures = []
    return out


def _month_spans(scenario: Scenario, a_h: float, b_h: float) -> Iterable[tuple[int, int, float]]:
    """(year, month 0-11, hours) of each calendar month's part of ``[a_h, b_h)``."""
    cal = Calendar(scenario.run.start, scenario.run.horizon_days * HOURS_PER_DAY)
    bounds = [*cal.bounds_h, float("inf")]
    for i, (year, month) in enumerate(zip(cal.years, cal.months)):
        hours = min(bounds[i + 1], b_h) - max(bounds[i], a_h)
        if hours > 0:
            yield year, month, hours


def weather_closed_fraction(scenario: Scenario, zone: str, a_h: float, b_h: float) -> float:
    """Expected fraction of ``[a_h, b_h)`` that weather ``zone`` is closed.

    A month with closure starts at ``r`` per open day, each lasting ``d`` days on
    average, is closed ``r d / (1 + r d)`` of the time (alternating renewal).
    """
    if b_h <= a_h:
        return 0.0
    w = scenario.weather[zone]
    d = w.duration_days.mean
    closed = 0.0
    for _year, month, hours in _month_spans(scenario, a_h, b_h):
        r = w.closure_starts_per_day[month]
        closed += hours * r * d / (1.0 + r * d)
    return closed / (b_h - a_h)


def dated_closed_fraction(scenario: Scenario, closures: Iterable[DatedClosure],
                          a_h: float, b_h: float) -> float:
    """Fraction of ``[a_h, b_h)`` covered by the union of dated closures."""
    if b_h <= a_h:
        return 0.0
    spans = sorted(
        (max(hours_since(scenario.run.start, c.start), a_h),
         min(hours_since(scenario.run.start, c.end), b_h)) for c in closures)
    covered, reach = 0.0, a_h
    for lo, hi in spans:
        lo = max(lo, reach)
        if hi > lo:
            covered += hi - lo
            reach = hi
    return covered / (b_h - a_h)


def open_fraction(piece: Piece, zones: Iterable[str | None],
                  closures: Iterable[DatedClosure]) -> float:
    """Expected fraction of the piece that is open: weather zones and dated closures.

    Distinct weather zones are taken as independent; a service and its origin node
    in the same zone close together, so each zone counts once.
    """
    s, a, b = piece.scenario, piece.start_h, piece.end_h
    frac = 1.0 - dated_closed_fraction(s, closures, a, b)
    for zone in sorted({z for z in zones if z is not None}):
        frac *= 1.0 - weather_closed_fraction(s, zone, a, b)
    return frac


def flow_volume_per_year(flow: Flow) -> tuple[float, float]:
    """Base annual volume of a flow: (TEU, t); TEU is 0 for non-container cargo."""
    if CARGO[flow.cargo].by_teu:
        teu = flow.annual_teu if flow.annual_teu is not None else float(flow.annual_t or 0.0) \
            / flow.t_per_teu
        return teu, teu * flow.t_per_teu
    return 0.0, float(flow.annual_t or 0.0)


def _flow_versions(scenario: Scenario, name: str,
                   history: list[Version] | None = None) -> list[tuple[float, Flow]]:
    """The flow from time 0 and after each dated change that touches it."""
    history = versions(scenario) if history is None else history
    return [(float("-inf"), scenario.flows[name]), *flow_versions(history, name)]


def annual_demand(scenario: Scenario, name: str,
                  history: list[Version] | None = None) -> tuple[float, float]:
    """Expected (TEU a year, t a year) that flow ``name`` creates over the window.

    Integrates the arrival rate the engine uses (seasonality normalised per
    calendar year, growth from the first year of the window, dated changes).
    ``history`` is ``versions(scenario)`` if the caller has it (it copies the
    scenario once per dated change): computed here otherwise.
    """
    t0, t1 = window_h(scenario)
    base_year = (dt.datetime.combine(scenario.run.start, dt.time())
                 + dt.timedelta(hours=t0)).year
    versions = _flow_versions(scenario, name, history)
    teu = t = 0.0
    for i, (since, flow) in enumerate(versions):
        until = versions[i + 1][0] if i + 1 < len(versions) else t1
        a, b = max(since, t0), min(until, t1)
        if b <= a or not flow.enabled:
            continue
        v_teu, v_t = flow_volume_per_year(flow)
        for year, month, hours in _month_spans(scenario, a, b):
            k = month_weights(flow.seasonality, year)[month] \
                * (1.0 + flow.growth_per_year) ** (year - base_year) * hours
            teu += v_teu * k
            t += v_t * k
    per_year = 1.0 / (t1 - t0)  # volumes above are rate-per-year x hours
    return teu * per_year, t * per_year
