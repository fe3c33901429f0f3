"""Calibration to the record: parameters as data, a common-random-numbers objective,
a bounded least-squares fit, checks with confidence intervals, the Caspian storm fit,
and the calibration report (docs/calibration.md).

Typical use::

    from corridor_sim.calibration import SPEC_2024, calibrate, render
    report = calibrate("scenarios/baseline_2024.yaml", SPEC_2024, workers=2)
    open("docs/calibration.md", "w").write(render(report))
"""

from corridor_sim.calibration.apply import current_values, with_parameters
from corridor_sim.calibration.check import check, check_table
from corridor_sim.calibration.document import CalibrationReport, render
from corridor_sim.calibration.fit import FitResult, fit
from corridor_sim.calibration.objective import Evaluation, Objective
from corridor_sim.calibration.observe import observe
from corridor_sim.calibration.pipeline import calibrate, weather_fit
from corridor_sim.calibration.record import SPEC_2024, TITR_SERIES
from corridor_sim.calibration.spec import CalibrationSpec, Check, Observation, Parameter, WeatherTarget
from corridor_sim.calibration.spec_io import load_spec, spec_from_dict
from corridor_sim.calibration.weather import (
    WeatherFit,
    closed_days_by_month,
    fit_closure_rates,
    fit_weather,
)

__all__ = [
    "SPEC_2024",
    "TITR_SERIES",
    "CalibrationReport",
    "CalibrationSpec",
    "Check",
    "Evaluation",
    "FitResult",
    "Objective",
    "Observation",
    "Parameter",
    "WeatherFit",
    "WeatherTarget",
    "calibrate",
    "check",
    "check_table",
    "closed_days_by_month",
    "current_values",
    "fit",
    "fit_closure_rates",
    "fit_weather",
    "load_spec",
    "observe",
    "render",
    "spec_from_dict",
    "weather_fit",
    "with_parameters",
]
