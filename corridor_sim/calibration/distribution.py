"""The fitted distribution of the calibrated parameters, as package data, and draws from it.

``corridor_sim/data/calibration_fit.yaml`` holds the estimate and covariance of the
last calibration (written by ``corridor-sim calibrate --write``) with the parameters'
definitions. ``experiment --parameter-uncertainty`` draws one parameter vector per
replication from it (normal, redrawn until inside the search bounds), from a stream of
the replication's own seed, so a replication's draw does not depend on the workers.

A draw is applied *relative to the estimate*, so it carries over to any scenario built
on the calibrated one (target_2025 extends baseline_2024 with other volumes): a
``scale`` path is multiplied by ``x / x̂``, a ``set`` path moved by ``x − x̂`` (a
``complement`` path by ``x̂ − x``), each kept within the parameter's bounds. Paths a
scenario does not hold are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corridor_sim.calibration.apply import scenario_document
from corridor_sim.calibration.spec import Parameter
from corridor_sim.engine.rng import stream
from corridor_sim.experiments.replications import replication_seed
from corridor_sim.scenario import Scenario, scenario_from_dict
from corridor_sim.scenario.timeline import get_path, set_path

FIT_FILE = Path(__file__).resolve().parents[1] / "data" / "calibration_fit.yaml"
STREAM = "parameter-uncertainty"
MAX_REDRAWS = 100


@dataclass(frozen=True)
class FittedDistribution:
    """Normal distribution of the calibrated parameters (truncated to their bounds).

    Attributes
    ----------
    parameters : tuple of Parameter
        Definitions (paths, bounds), in order.
    estimate : numpy.ndarray
        Means (the fitted or checked values).
    cov : numpy.ndarray
        Covariance (p × p).
    scenario, method, made : str
        Calibrated scenario, how the covariance was made, when (ISO date).
    """

    parameters: tuple[Parameter, ...]
    estimate: np.ndarray
    cov: np.ndarray
    scenario: str = ""
    method: str = ""
    made: str = ""

    @property
    def label(self) -> str:
        """What the draws come from (recorded in an experiment's manifest)."""
        est = ", ".join(f"{p.name}={v:.4g}" for p, v in zip(self.parameters, self.estimate))
        return f"fitted distribution of {self.scenario or 'the calibration'} ({self.made}): {est}"

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        """One parameter vector inside the bounds (redrawn, then clipped after 100 tries)."""
        lo = np.array([p.bounds[0] for p in self.parameters])
        hi = np.array([p.bounds[1] for p in self.parameters])
        x = self.estimate
        for _ in range(MAX_REDRAWS):
            x = np.asarray(rng.multivariate_normal(self.estimate, self.cov, method="eigh"))
            if np.all((x >= lo) & (x <= hi)):
                return x
        clipped: np.ndarray = np.clip(x, lo, hi)
        return clipped

    def for_replication(self, root_seed: int, index: int) -> np.ndarray:
        """The draw of replication ``index`` (a stream of its own seed)."""
        return self.draw(stream(replication_seed(root_seed, index), STREAM))

    def perturbed(self, scenario: Scenario, values: Sequence[float] | np.ndarray) -> Scenario:
        """``scenario`` with the parameters moved from the estimate to ``values``."""
        document = scenario_document(scenario)
        for p, x, x0 in zip(self.parameters, values, self.estimate):
            _shift(document, p, float(x), float(x0))
        return scenario_from_dict(document, f"{scenario.name} (parameter draw)")

    def __call__(self, scenario: Scenario, root_seed: int, index: int) -> Scenario:
        """The scenario replication ``index`` runs (a :data:`Perturb` for experiments)."""
        return self.perturbed(scenario, self.for_replication(root_seed, index))

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping (YAML)."""
        return {"scenario": self.scenario, "method": self.method, "made": self.made,
                "parameters": [_parameter_dict(p) for p in self.parameters],
                "estimate": [float(v) for v in self.estimate],
                "cov": [[float(v) for v in row] for row in self.cov]}


def _moved(value: float, kind: str, x: float, x0: float, bounds: tuple[float, float]) -> float:
    lo, hi = bounds
    if kind == "scale":
        return value * x / x0
    if kind == "set":
        return min(max(value + x - x0, lo), hi)
    return min(max(value - (x - x0), 1.0 - hi), 1.0 - lo)


def _shift(document: dict[str, Any], p: Parameter, x: float, x0: float) -> None:
    paths = [(path, "scale") for path, _ in p.scale] + [(path, "set") for path in p.set]
    paths += [(path, "complement") for path in p.complement]
    for path, kind in paths:
        try:
            value = float(get_path(document, path))
        except (KeyError, IndexError, TypeError):
            continue
        set_path(document, path, _moved(value, kind, x, x0, p.bounds))


def _parameter_dict(p: Parameter) -> dict[str, Any]:
    return {"name": p.name, "bounds": list(p.bounds), "start": p.start, "set": list(p.set),
            "scale": {k: v for k, v in p.scale}, "complement": list(p.complement), "note": p.note}


def from_dict(d: dict[str, Any]) -> FittedDistribution:
    """Inverse of :meth:`FittedDistribution.to_dict`."""
    from corridor_sim.calibration.spec_io import parameter_from_dict

    params = tuple(parameter_from_dict(p) for p in d["parameters"])
    est = np.array(d["estimate"], dtype=float)
    cov = np.array(d["cov"], dtype=float).reshape(len(params), len(params))
    if est.shape != (len(params),):
        raise ValueError(f"{len(params)} parameters but {est.size} estimates")
    return FittedDistribution(params, est, cov, str(d.get("scenario", "")),
                              str(d.get("method", "")), str(d.get("made", "")))


def load_distribution(path: str | Path = FIT_FILE) -> FittedDistribution:
    """The fitted distribution shipped with the package (or another file)."""
    from corridor_sim.scenario.errors import Problem, ScenarioError
    from corridor_sim.scenario.loader import read_yaml

    if not Path(path).exists():
        raise ScenarioError(str(path), [Problem("", "no fitted parameter distribution",
                                                "run `corridor-sim calibrate --write` first")])
    try:
        return from_dict(read_yaml(Path(path), str(path)))
    except KeyError as exc:
        raise ScenarioError(str(path), [Problem(str(exc.args[0]), "missing field")]) from None
    except (TypeError, ValueError) as exc:
        raise ScenarioError(str(path), [Problem("", f"malformed distribution: {exc}")]) from None


def save_distribution(dist: FittedDistribution, path: str | Path = FIT_FILE) -> Path:
    """Write ``dist`` as YAML (atomically), with a header saying what made it."""
    import yaml

    from corridor_sim.experiments.store import atomic_write

    header = ("# Fitted distribution of the calibration parameters (normal, truncated to the\n"
              "# bounds). Written by `corridor-sim calibrate --write`; read by\n"
              "# `corridor-sim experiment --parameter-uncertainty`. Do not edit by hand.\n")
    text = header + yaml.safe_dump(dist.to_dict(), sort_keys=False, allow_unicode=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    atomic_write(Path(path), text)
    return Path(path)


def today() -> str:
    """Today's date, ISO."""
    return dt.date.today().isoformat()
