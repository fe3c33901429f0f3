"""Calibration specs as YAML data (the built-in 2024 spec lives in record.py).

A spec file::

    name: tiny
    replications: 8
    root_seed: 1        # the fit's common random numbers
    check_seed: 777     # every check reported (seeds the fit never saw)
    tolerance: 0.05
    parameters:
      - {name: demand, bounds: [0.5, 1.5], start: 1.0, scale: {flows.f.annual_teu: 1000}}
      - {name: share, bounds: [0.2, 0.8], start: 0.5, set: [flows.g.route.0.share],
         complement: [flows.g.route.1.share]}
    observations:
      - {name: TEU, scope: group:sea, metric: throughput_teu, start: 2025-01-01,
         end: 2026-01-01, reported: 1200, source: synthetic, weight: 1}
      - {name: railcars per call, scope: service:ferry, metric: "kpi:railcars_per_call",
         unit: railcars, tolerance: 0.15, weight: 0, ...}   # any KPI, by name
    checks:
      - {scenario: other.yaml, tolerance: 0.1, title: "2022", note: "why", observations: [...]}
    weather: {zone: caspian_kz, node: kuryk, year: 2024, closed_fraction: [12 values]}
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from corridor_sim.calibration.spec import (
    CalibrationSpec,
    Check,
    Observation,
    Parameter,
    WeatherTarget,
)
from corridor_sim.scenario.errors import Problem, ScenarioError
from corridor_sim.scenario.loader import read_yaml


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def parameter_from_dict(d: dict[str, Any]) -> Parameter:
    """A Parameter from its mapping (``scale`` maps path → base value)."""
    return Parameter(str(d["name"]), (float(d["bounds"][0]), float(d["bounds"][1])), float(d["start"]),
                     set=tuple(d.get("set", ())),
                     scale=tuple((str(k), float(v)) for k, v in dict(d.get("scale", {})).items()),
                     complement=tuple(d.get("complement", ())), note=str(d.get("note", "")))


def observation_from_dict(d: dict[str, Any]) -> Observation:
    """An Observation from its mapping."""
    tol = d.get("tolerance")
    return Observation(str(d["name"]), str(d["scope"]), str(d["metric"]), _date(d["start"]),
                       _date(d["end"]), float(d["reported"]), str(d.get("source", "")),
                       float(d.get("weight", 1.0)), str(d.get("unit", "")),
                       None if tol is None else float(tol))


def spec_from_dict(d: dict[str, Any]) -> CalibrationSpec:
    """A CalibrationSpec from its mapping (KeyError, TypeError or ValueError if malformed)."""
    checks = tuple(Check(str(c["scenario"]), tuple(map(observation_from_dict, c["observations"])),
                         float(c.get("tolerance", 0.10)), str(c.get("title", "")),
                         str(c.get("note", ""))) for c in d.get("checks", ()))
    w = d.get("weather")
    weather = None if w is None else WeatherTarget(str(w["zone"]), str(w["node"]),
                                                   tuple(map(float, w["closed_fraction"])), int(w["year"]))
    return CalibrationSpec(
        str(d.get("name", "calibration")), tuple(map(parameter_from_dict, d["parameters"])),
        tuple(map(observation_from_dict, d["observations"])), int(d.get("replications", 20)),
        int(d.get("root_seed", 2024)), float(d.get("tolerance", 0.05)), checks, weather,
        check_seed=int(d.get("check_seed", 777)))


def load_spec(path: str | Path) -> CalibrationSpec:
    """Read a spec file; ScenarioError naming the file and the problem if it is malformed."""
    data = read_yaml(Path(path), str(path))
    try:
        return spec_from_dict(data)
    except KeyError as exc:
        raise ScenarioError(str(path), [Problem(str(exc.args[0]), "missing field")]) from None
    except (TypeError, ValueError, IndexError) as exc:
        raise ScenarioError(str(path), [Problem("", f"malformed calibration spec: {exc}")]) from None
