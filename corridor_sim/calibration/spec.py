"""What a calibration fits, and to what: parameters as dotted scenario paths, observations.

A :class:`Parameter` is one number ``x`` that sets one or more scenario fields:
``set`` paths take ``x``, ``scale`` paths take ``x`` times a stated base value
(e.g. a volume derived from the record), ``complement`` paths take ``1 − x`` (the
other share of a two-way route split). Bases are part of the spec, not read from
the scenario, so a fit gives the same values whatever the file holds now. An
:class:`Observation` is a reported throughput over a date range (``start``
inclusive, ``end`` exclusive) of a KPI scope (``group:NAME``, ``node:NAME``,
``service:NAME``, ``flow:NAME``, ``flows``), or the days a node was closed by
weather (``closed_days``, scope ``node:NAME``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corridor_sim.calibration.observables import UNITS, alternatives, known_metric


@dataclass(frozen=True)
class Parameter:
    """One fitted number and the scenario fields it sets.

    Attributes
    ----------
    name : str
        Short name in tables.
    bounds : (float, float)
        Search interval, in the parameter's own unit (a factor, a fraction, ...).
    start : float
        Where the search starts.
    set : tuple of str
        Dotted scenario paths that take ``x``.
    scale : tuple of (str, float)
        Dotted paths and their base values: each takes ``x × base``.
    complement : tuple of str
        Dotted paths that take ``1 − x``.
    note : str
        What the parameter stands for (shown in the report).
    """

    name: str
    bounds: tuple[float, float]
    start: float
    set: tuple[str, ...] = ()
    scale: tuple[tuple[str, float], ...] = ()
    complement: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        lo, hi = self.bounds
        if not lo < hi:
            raise ValueError(f"parameter {self.name}: bounds must be increasing, got {self.bounds}")
        if not lo <= self.start <= hi:
            raise ValueError(f"parameter {self.name}: start {self.start} outside {self.bounds}")
        if not (self.set or self.scale or self.complement):
            raise ValueError(f"parameter {self.name} sets no scenario path")

    def assignments(self, x: float) -> dict[str, float]:
        """Dotted path → value that ``x`` gives each of the parameter's paths."""
        out = {path: float(x) for path in self.set}
        out.update({path: float(x) * base for path, base in self.scale})
        out.update({path: 1.0 - float(x) for path in self.complement})
        return out

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path the parameter sets."""
        return (*self.set, *(p for p, _ in self.scale), *self.complement)


@dataclass(frozen=True)
class Observation:
    """A reported throughput the model should reproduce.

    Attributes
    ----------
    name : str
        Short name in tables (e.g. ``"2024 t"``).
    scope : str
        KPI scope, as in targets: ``group:trans_caspian``, ``node:kuryk``, ...
    metric : str
        An observable by name (:mod:`corridor_sim.calibration.observables`):
        ``throughput_t``/``throughput_teu`` (over the date range), ``cumulative_t``/
        ``cumulative_teu`` (sums of the monthly table; whole months), ``closed_days``,
        or ``kpi:METRIC`` (the run's KPI ``METRIC`` of the scope, over the measured
        window: plugs in any KPI the model reports, e.g. ``kpi:railcars_per_call``).
    start, end : datetime.date
        Date range, ``end`` exclusive (cargo departing in it counts).
    reported : float
        The reported value, in t or TEU.
    source : str
        Where the figure comes from.
    weight : float
        Weight of its squared relative error in the objective (0: checked, not fitted).
    unit : str
        Unit shown in tables (default: that of the metric; ``kpi:`` metrics name theirs).
    tolerance : float or None
        Relative error of the mean that passes this observation's check (default: the
        check's or the spec's tolerance).
    """

    name: str
    scope: str
    metric: str
    start: dt.date
    end: dt.date
    reported: float
    source: str
    weight: float = 1.0
    unit_: str = ""
    tolerance: float | None = None

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"observation {self.name}: end {self.end} must follow start {self.start}")
        if not known_metric(self.metric):
            raise ValueError(f"observation {self.name}: metric must be one of "
                             f"{', '.join(UNITS)} or kpi:METRIC, got {self.metric!r}")
        if self.reported <= 0 or self.weight < 0:
            raise ValueError(f"observation {self.name}: reported > 0 and weight >= 0 needed")

    @property
    def unit(self) -> str:
        """``"t"``, ``"TEU"``, ``"days"`` or the unit a ``kpi:`` observation names."""
        if self.unit_:
            return self.unit_
        return next((UNITS[m] for m in alternatives(self.metric) if m in UNITS), "")


@dataclass(frozen=True)
class Check:
    """Another scenario checked against its record without refitting.

    Attributes
    ----------
    scenario : str
        Its file, relative to the calibrated scenario's folder.
    observations : tuple of Observation
        Its record.
    tolerance : float
        Largest relative error of a mean that passes.
    title : str
        Heading of its section (default: the scenario's name).
    note : str
        Why the check says what it says (inputs it was built from), shown above its table.
    """

    scenario: str
    observations: tuple[Observation, ...]
    tolerance: float = 0.10
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class WeatherTarget:
    """Target closed fraction per month for a weather zone, checked at one of its nodes."""

    zone: str
    node: str
    closed_fraction: tuple[float, ...]
    year: int

    def __post_init__(self) -> None:
        if len(self.closed_fraction) != 12 or not all(0 < f < 1 for f in self.closed_fraction):
            raise ValueError("closed_fraction needs 12 monthly values strictly between 0 and 1")


@dataclass(frozen=True)
class Probe:
    """A parameter held out of the fit, and the values at which its effect is shown.

    ``reason`` says why it is held (e.g. the fleets do not bind, or it moves the same
    observations as a fitted parameter); the report shows the fitted observations'
    replication means at each of ``values`` on the fit's seeds, so the reason is a
    number on the page, not a claim.
    """

    parameter: Parameter
    values: tuple[float, ...]
    reason: str = ""


@dataclass(frozen=True)
class CalibrationSpec:
    """Parameters, observations and the common random numbers of one calibration.

    Every evaluation of the objective runs the same ``replications`` seeds:
    replication ``i`` uses ``numpy.random.SeedSequence(root_seed, spawn_key=(i,))``.
    ``tolerance`` is the relative error of a mean that passes the check of the
    calibrated scenario; ``checks`` are other scenarios checked without refitting;
    ``probes`` are parameters held out of the fit, each with the values at which its
    effect is shown (why it is not fitted). Every check reported — of the calibrated
    scenario and of the others — runs on ``check_seed``, a root independent of
    ``root_seed``: the fit never saw those seeds.
    """

    name: str
    parameters: tuple[Parameter, ...]
    observations: tuple[Observation, ...]
    replications: int = 20
    root_seed: int = 2024
    tolerance: float = 0.05
    checks: tuple[Check, ...] = ()
    weather: WeatherTarget | None = None
    probes: tuple[Probe, ...] = ()
    check_seed: int = 777

    def __post_init__(self) -> None:
        if self.check_seed == self.root_seed:
            raise ValueError(f"spec {self.name}: check_seed must differ from root_seed "
                             f"({self.root_seed}): checks run on seeds the fit never saw")

    @property
    def fitted(self) -> tuple[Observation, ...]:
        """Observations with a positive weight (those the objective uses)."""
        return tuple(o for o in self.observations if o.weight > 0)

    def starts(self) -> list[float]:
        """Start values of the parameters, in order."""
        return [p.start for p in self.parameters]
