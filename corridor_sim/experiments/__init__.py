"""Experiments: replications, sweeps and scenario comparisons, in-process or on Dask.

Replication ``i`` uses child ``i`` of ``numpy.random.SeedSequence(seed)``; every
scenario of a sweep or a comparison uses the same replication seeds (common
random numbers). Results are identical whatever the number of workers.
"""

from corridor_sim.experiments.compare import Comparison, compare_scenarios
from corridor_sim.experiments.experiment import ExperimentResults, run_experiment
from corridor_sim.experiments.replications import ReplicationError
from corridor_sim.experiments.store import ExperimentError, ExperimentStoreError
from corridor_sim.experiments.sweep import SweepResults, run_sweep

__all__ = [
    "Comparison",
    "ExperimentError",
    "ExperimentResults",
    "ExperimentStoreError",
    "ReplicationError",
    "SweepResults",
    "compare_scenarios",
    "run_experiment",
    "run_sweep",
]
