"""corridor-sim: a discrete-event simulator of the Middle Corridor (TITR).

Public API (everything the command line uses)::

    from corridor_sim import load, simulate, write_results
    scenario = load("scenarios/target_2025.yaml", overrides=["run.seed=3"])
    results = simulate(scenario, seed=1)
    results.kpis, results.targets, results.lots
    write_results(results, "runs/target_2025")

Verbs: :func:`load`, :func:`validate`, :func:`simulate`, :func:`write_results`,
:func:`run_experiment`, :func:`sweep`, :func:`compare`, :func:`capacity_bounds`,
:func:`plan_expansions`, :func:`calibrate`, :func:`report` (former names such as
``load_scenario``, ``run_sweep``, ``compare_scenarios`` and ``write_report`` still
work). Each name is imported from its module on first use, so that the command line
starts fast; the ``TYPE_CHECKING`` block below states every name's type.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_API = "corridor_sim.api"
_EXPERIMENTS = "corridor_sim.experiments"
_CAPACITY = "corridor_sim.capacity"
_CALIBRATION = "corridor_sim.calibration"
_PLOTS = "corridor_sim.plots"

# public name -> (module, attribute)
_LAZY: dict[str, tuple[str, str]] = {
    # verbs
    "load": (_API, "load"),
    "validate": (_API, "validate"),
    "simulate": (_API, "simulate"),
    "write_results": (_API, "write_results"),
    "run_experiment": (_EXPERIMENTS, "run_experiment"),
    "sweep": (_EXPERIMENTS, "run_sweep"),
    "compare": (_EXPERIMENTS, "compare_scenarios"),
    "capacity_bounds": (_CAPACITY, "capacity_bounds"),
    "plan_expansions": (_CAPACITY, "plan_expansions"),
    "equilibrate": ("corridor_sim.experiments.assignment", "equilibrate"),
    "compare_choice": ("corridor_sim.experiments.choice_compare", "compare_choice"),
    "write_choice_page": ("corridor_sim.docpages.choice_page", "write_choice_page"),
    "write_choice_html": ("corridor_sim.htmlpage.choice_section", "write_choice_html"),
    "choice_summary_table": ("corridor_sim.docpages.choice_page", "summary_table"),
    "calibrate": (_API, "calibrate"),
    "write_calibration": (_API, "write_calibration"),
    "load_distribution": (_API, "load_distribution"),
    "find_scenario": (_API, "find_scenario"),
    "write_document": (_API, "write_document"),
    "report": (_API, "report"),
    "scenario_schema": (_API, "scenario_schema"),
    "package_version": (_API, "package_version"),
    # former names
    "load_scenario": (_API, "load_scenario"),
    "run_sweep": (_EXPERIMENTS, "run_sweep"),
    "compare_scenarios": (_EXPERIMENTS, "compare_scenarios"),
    "write_report": ("corridor_sim.htmlpage", "write_report"),
    # inputs the verbs take
    "parse_param": ("corridor_sim.experiments.sweep", "parse_param"),
    "parse_target": (_CAPACITY, "parse_target"),
    "load_spec": (_CALIBRATION, "load_spec"),
    "weather_fit": (_CALIBRATION, "weather_fit"),
    "SPEC_2024": (_CALIBRATION, "SPEC_2024"),
    "METRIC_UNITS": ("corridor_sim.results.targets", "METRIC_UNITS"),
    "TABLE_FORMATS": ("corridor_sim.results.formats", "FORMATS"),
    "require_parquet": ("corridor_sim.results.formats", "require_parquet"),
    "ParquetUnavailableError": ("corridor_sim.results.formats", "ParquetUnavailableError"),
    "is_terminal": ("corridor_sim.scenario.terminal_kinds", "is_terminal"),
    # what they return or raise
    "Scenario": ("corridor_sim.scenario", "Scenario"),
    "Target": ("corridor_sim.scenario", "Target"),
    "Problem": ("corridor_sim.scenario", "Problem"),
    "ScenarioError": ("corridor_sim.scenario", "ScenarioError"),
    "Validated": (_API, "Validated"),
    "Results": ("corridor_sim.results", "Results"),
    "ConservationError": ("corridor_sim.results", "ConservationError"),
    "OutputExistsError": ("corridor_sim.results.export", "OutputExistsError"),
    "check_output": ("corridor_sim.io.atomic", "check_output"),
    "ExperimentResults": (_EXPERIMENTS, "ExperimentResults"),
    "Assignment": ("corridor_sim.experiments.assignment", "Assignment"),
    "ChoiceComparison": ("corridor_sim.experiments.choice_compare", "ChoiceComparison"),
    "SweepResults": (_EXPERIMENTS, "SweepResults"),
    "Comparison": (_EXPERIMENTS, "Comparison"),
    "ExperimentError": (_EXPERIMENTS, "ExperimentError"),
    "ReplicationError": (_EXPERIMENTS, "ReplicationError"),
    "CapacityReport": (_CAPACITY, "CapacityReport"),
    "ExpansionPlan": (_CAPACITY, "ExpansionPlan"),
    "CalibrationReport": (_CALIBRATION, "CalibrationReport"),
    "CalibrationSpec": (_CALIBRATION, "CalibrationSpec"),
    "FittedDistribution": (_CALIBRATION, "FittedDistribution"),
    "Evaluation": (_CALIBRATION, "Evaluation"),
    "WeatherFit": (_CALIBRATION, "WeatherFit"),
    # figures
    "plot_network_map": (_PLOTS, "plot_network_map"),
    "plot_cumulative_throughput": (_PLOTS, "plot_cumulative_throughput"),
    "plot_utilization": (_PLOTS, "plot_utilization"),
    "plot_transit_times": (_PLOTS, "plot_transit_times"),
    "plot_scenario_comparison": (_PLOTS, "plot_scenario_comparison"),
    "standard_figures": (_PLOTS, "standard_figures"),
    "network_geojson": (_PLOTS, "network_geojson"),
    # helpers of the command line: worker count, sweep size, fit budget, optional libraries
    "auto_workers": ("corridor_sim.experiments.workers", "auto_workers"),
    "sweep_points": ("corridor_sim.experiments.sweep", "sweep_points"),
    "require_feature": ("corridor_sim.optional", "require"),
    "MissingFeatureError": ("corridor_sim.optional", "MissingFeatureError"),
    # human names of KPIs for headlines, tables and figures
    "metric_label": ("corridor_sim.results.naming", "metric_label"),
    "name_label": ("corridor_sim.results.naming", "name_label"),
    "kpi_label": ("corridor_sim.results.naming", "kpi_label"),
    "format_amount": ("corridor_sim.results.naming", "amount"),
    "MONTHS": ("corridor_sim.results.naming", "MONTHS"),
}

__all__ = ["__version__", *_LAZY]

# The same names, typed, for mypy and editors (a test keeps them in step with _LAZY). mypy does
# not read the derived __all__: these imports are the exports (pyproject: implicit_reexport for
# this module), so an alias needs no "X as X" form.
if TYPE_CHECKING:  # pragma: no cover
    from corridor_sim.api import Validated as Validated
    from corridor_sim.api import calibrate as calibrate
    from corridor_sim.api import find_scenario as find_scenario
    from corridor_sim.api import load as load
    from corridor_sim.api import load_distribution as load_distribution
    from corridor_sim.api import load_scenario as load_scenario
    from corridor_sim.api import package_version as package_version
    from corridor_sim.api import report as report
    from corridor_sim.api import scenario_schema as scenario_schema
    from corridor_sim.api import simulate as simulate
    from corridor_sim.api import validate as validate
    from corridor_sim.api import write_calibration as write_calibration
    from corridor_sim.api import write_document as write_document
    from corridor_sim.api import write_results as write_results
    from corridor_sim.calibration import SPEC_2024 as SPEC_2024
    from corridor_sim.calibration import CalibrationReport as CalibrationReport
    from corridor_sim.calibration import CalibrationSpec as CalibrationSpec
    from corridor_sim.calibration import Evaluation as Evaluation
    from corridor_sim.calibration import FittedDistribution as FittedDistribution
    from corridor_sim.calibration import WeatherFit as WeatherFit
    from corridor_sim.calibration import load_spec as load_spec
    from corridor_sim.calibration import weather_fit as weather_fit
    from corridor_sim.capacity import CapacityReport as CapacityReport
    from corridor_sim.capacity import ExpansionPlan as ExpansionPlan
    from corridor_sim.capacity import capacity_bounds as capacity_bounds
    from corridor_sim.capacity import parse_target as parse_target
    from corridor_sim.capacity import plan_expansions as plan_expansions
    from corridor_sim.docpages.choice_page import summary_table as choice_summary_table  # noqa: F401 (an alias)
    from corridor_sim.docpages.choice_page import write_choice_page as write_choice_page
    from corridor_sim.experiments import Comparison as Comparison
    from corridor_sim.experiments import ExperimentError as ExperimentError
    from corridor_sim.experiments import ExperimentResults as ExperimentResults
    from corridor_sim.experiments import ReplicationError as ReplicationError
    from corridor_sim.experiments import SweepResults as SweepResults
    from corridor_sim.experiments import compare_scenarios as compare  # noqa: F401 (an alias)
    from corridor_sim.experiments import compare_scenarios as compare_scenarios
    from corridor_sim.experiments import run_experiment as run_experiment
    from corridor_sim.experiments import run_sweep as run_sweep
    from corridor_sim.experiments import run_sweep as sweep  # noqa: F401 (an alias)
    from corridor_sim.experiments.assignment import Assignment as Assignment
    from corridor_sim.experiments.assignment import equilibrate as equilibrate
    from corridor_sim.experiments.choice_compare import ChoiceComparison as ChoiceComparison
    from corridor_sim.experiments.choice_compare import compare_choice as compare_choice
    from corridor_sim.experiments.sweep import parse_param as parse_param
    from corridor_sim.experiments.sweep import sweep_points as sweep_points
    from corridor_sim.experiments.workers import auto_workers as auto_workers
    from corridor_sim.htmlpage import write_report as write_report
    from corridor_sim.htmlpage.choice_section import write_choice_html as write_choice_html
    from corridor_sim.io.atomic import check_output as check_output
    from corridor_sim.optional import MissingFeatureError as MissingFeatureError
    from corridor_sim.optional import require as require_feature  # noqa: F401 (an alias)
    from corridor_sim.plots import network_geojson as network_geojson
    from corridor_sim.plots import plot_cumulative_throughput as plot_cumulative_throughput
    from corridor_sim.plots import plot_network_map as plot_network_map
    from corridor_sim.plots import plot_scenario_comparison as plot_scenario_comparison
    from corridor_sim.plots import plot_transit_times as plot_transit_times
    from corridor_sim.plots import plot_utilization as plot_utilization
    from corridor_sim.plots import standard_figures as standard_figures
    from corridor_sim.results import ConservationError as ConservationError
    from corridor_sim.results import Results as Results
    from corridor_sim.results.export import OutputExistsError as OutputExistsError
    from corridor_sim.results.formats import FORMATS as TABLE_FORMATS  # noqa: F401 (an alias)
    from corridor_sim.results.formats import ParquetUnavailableError as ParquetUnavailableError
    from corridor_sim.results.formats import require_parquet as require_parquet
    from corridor_sim.results.naming import MONTHS as MONTHS
    from corridor_sim.results.naming import amount as format_amount  # noqa: F401 (an alias)
    from corridor_sim.results.naming import kpi_label as kpi_label
    from corridor_sim.results.naming import metric_label as metric_label
    from corridor_sim.results.naming import name_label as name_label
    from corridor_sim.results.targets import METRIC_UNITS as METRIC_UNITS
    from corridor_sim.scenario import Problem as Problem
    from corridor_sim.scenario import Scenario as Scenario
    from corridor_sim.scenario import ScenarioError as ScenarioError
    from corridor_sim.scenario import Target as Target
    from corridor_sim.scenario.terminal_kinds import is_terminal as is_terminal


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'corridor_sim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
