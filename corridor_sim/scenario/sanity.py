"""Scenarios that validate but cannot mean what they say: refused with the field to mend.

Run after the cross references (every name exists), before the feasibility checks:

- a fixed route has at least two nodes and passes each node once;
- every hop of a fixed route has a carrier that is enabled at some time of the run
  (at the start, or by a timeline change), and no node of the route, nor the origin or
  destination of any flow, is closed by dated closures for the whole run;
- two timeline changes of the same day do not set the same field to different values
  (which one would win?);
- monthly seasonality weights stay finite when normalised (no overflow to zero lots);
- storms last longer than zero.

:func:`sanity_warnings` lists what is legitimate but may surprise: a timeline change
dated after the end of the run never applies (one dated before the start applies at the
start, as history that is in force).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from corridor_sim.scenario.errors import Problem, unique_problems
from corridor_sim.scenario.schema import DatedClosure, Flow, RouteChoice, Scenario, Service, Shares


def check_sanity(s: Scenario) -> list[Problem]:
    """All problems of the kinds above (empty if none)."""
    return unique_problems([*_routes(s), *_closed_ends(s), *_conflicts(s), *_seasonality(s),
                            *_storms(s)])


def sanity_warnings(s: Scenario) -> list[Problem]:
    """What will happen that the author may not expect (the scenario is still valid)."""
    end = run_end(s)
    late = [i for i, c in enumerate(s.timeline) if dt.datetime.combine(c.date, dt.time()) >= end]
    if not late:
        return []
    first = s.timeline[late[0]]
    more = f" and {len(late) - 1} later change(s)" if len(late) > 1 else ""
    verb = "fall" if more else "falls"
    return [Problem(f"timeline.{late[0]}.date", f"{first.date}{more} {verb} after the end of the "
                    f"run ({end.date()}) and will not apply", "lengthen run.horizon_days to see them")]


def run_end(s: Scenario) -> dt.datetime:
    """The end of the run (start at midnight plus the horizon)."""
    start = dt.datetime.combine(s.run.start, dt.time())
    return start + dt.timedelta(days=s.run.horizon_days)


def fixed_routes(flow: Flow) -> list[tuple[str, list[str]]]:
    """(field path suffix, nodes) of each fixed route of a flow; empty for ``auto``."""
    if flow.route == "auto":
        return []
    if isinstance(flow.route, RouteChoice):
        return [(f"route.alternatives.{i}", list(a)) for i, a in enumerate(flow.route.alternatives)]
    if any(isinstance(r, Shares) for r in flow.route):
        return [(f"route.{i}.route", list(r.route)) for i, r in enumerate(flow.route)
                if isinstance(r, Shares)]
    return [("route", [str(n) for n in flow.route])]


def closed_whole_run(s: Scenario, closures: Sequence[DatedClosure]) -> bool:
    """True if the dated closures together cover the whole run."""
    covered_to = dt.datetime.combine(s.run.start, dt.time())
    end = run_end(s)
    for c in sorted(closures, key=lambda c: c.start):
        start = dt.datetime.combine(c.start, dt.time())
        if start > covered_to:
            return False
        covered_to = max(covered_to, dt.datetime.combine(c.end, dt.time()))
        if covered_to >= end:
            return True
    return False


def _ever_enabled(s: Scenario) -> set[str]:
    switched_on = {key.split(".")[1] for c in s.timeline for key, v in c.set.items()
                   if key.startswith("services.") and key.endswith(".enabled") and v is True}
    return {k for k, v in s.services.items() if v.enabled} | switched_on


def _routes(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    enabled = _ever_enabled(s)
    for key, flow in s.flows.items():
        for suffix, nodes in fixed_routes(flow):
            path = f"flows.{key}.{suffix}"
            if len(nodes) < 2:
                out.append(Problem(path, "a fixed route lists at least the origin and the "
                                   "destination", "write route: [origin, ..., destination] "
                                   "or route: auto"))
                continue
            seen = {n for n in nodes if nodes.count(n) > 1}
            if seen:
                out.append(Problem(path, f"the route visits {', '.join(sorted(seen))} more "
                                   "than once", "a route passes each node once; remove the loop"))
                continue
            out += _hops(s, flow, path, nodes, enabled) if flow.enabled else []
    return out


def _hops(s: Scenario, flow: Flow, path: str, nodes: list[str], enabled: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for i, (a, b) in enumerate(zip(nodes[:-1], nodes[1:])):
        carriers = {k: v for k, v in s.services.items()
                    if v.from_ == a and v.to == b and v.carries(flow.cargo)}
        where = f"{path}.{i + 1}"
        problem = (
            _every_carrier(where, (a, b), carriers, lambda key, _: key not in enabled,
                           f"({', '.join(sorted(carriers))}) is disabled for the whole run: "
                           "the flow would deliver nothing",
                           "enable one (enabled: true, or a timeline change) or change the route")
            or _every_carrier(where, (a, b), carriers, lambda _, v: closed_whole_run(s, v.closures),
                              "is closed for the whole run", "shorten its closures or change the route"))
        out += [problem] if problem else []
    for i, name in enumerate(nodes[1:-1], start=1):
        if closed_whole_run(s, s.nodes[name].closures):
            out.append(Problem(f"{path}.{i}", f"the route passes '{name}', which is closed for "
                               f"the whole run (nodes.{name}.closures)",
                               "shorten the closures or route around it"))
    return out


def _every_carrier(where: str, hop: tuple[str, str], carriers: dict[str, Service],
                   unusable: Callable[[str, Service], bool], state: str,
                   suggestion: str) -> Problem | None:
    """The problem at ``where`` if the hop has carriers and ``unusable(name, service)`` holds for
    each of them (``state`` says how: disabled, closed), else None."""
    if not carriers or not all(unusable(k, v) for k, v in carriers.items()):
        return None
    return Problem(where, f"every service from '{hop[0]}' to '{hop[1]}' {state}", suggestion)


def _closed_ends(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, flow in s.flows.items():
        for end in ("origin", "destination"):
            name = getattr(flow, end)
            if flow.enabled and closed_whole_run(s, s.nodes[name].closures):
                out.append(Problem(f"flows.{key}.{end}", f"'{name}' is closed for the whole run "
                                   f"(nodes.{name}.closures): the flow would deliver nothing",
                                   "shorten the closures"))
    return out


def _conflicts(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[tuple[dt.date, str], tuple[int, object]] = {}
    for i, change in enumerate(s.timeline):
        for key, value in change.set.items():
            first = seen.setdefault((change.date, key), (i, value))
            if first[0] != i and first[1] != value:
                out.append(Problem(f"timeline.{i}.set.{key}",
                                   f"conflicts with timeline.{first[0]} on the same day "
                                   f"({change.date}: {first[1]!r} and {value!r})",
                                   "keep one value per field and day"))
    return out


def _seasonality(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, flow in s.flows.items():
        w = flow.seasonality
        try:
            total = math.fsum(w)
        except OverflowError:
            total = math.inf
        if not math.isfinite(total) or min(w) / (total / len(w)) == 0.0:
            out.append(Problem(f"flows.{key}.seasonality", "the monthly weights overflow when "
                               "normalised (their sum is not finite or a month's share is 0)",
                               "scale them, e.g. to a mean of 1"))
    return out


def _storms(s: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for key, zone in s.weather.items():
        if zone.duration_days.mean <= 0.0 and any(r > 0 for r in zone.closure_starts_per_day):
            out.append(Problem(f"weather.{key}.duration_days", "storms of zero length close "
                               "nothing", "give a positive duration, or set "
                               "closure_starts_per_day to 0 for no storms"))
    return out
