"""Experiments: replications, sweeps and scenario comparisons, in-process or on Dask.

Replication ``i`` uses child ``i`` of ``numpy.random.SeedSequence(seed)``; every
scenario of a sweep or a comparison uses the same replication seeds (common
random numbers). Results are identical whatever the number of workers.
"""

from corridor_sim.experiments.experiment import ExperimentResults, run_experiment
from corridor_sim.experiments.replications import ReplicationError
from corridor_sim.experiments.store import ExperimentStoreError

__all__ = ["ExperimentResults", "ExperimentStoreError", "ReplicationError", "run_experiment"]
