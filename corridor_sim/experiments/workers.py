"""How many worker processes an experiment should use on this machine, and why.

A local Dask cluster costs seconds to start and moves every scenario and result
between processes; on a machine with few cores, or for a handful of replications,
running in this process is faster (measured: 20 replications of target_2025 on
2 cores took 44 s in-process and 78 s on 2 Dask workers).
"""

from __future__ import annotations

import os

MIN_CPUS_FOR_DASK = 4
MIN_REPLICATIONS_PER_WORKER = 4


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows
        return os.cpu_count() or 1


def auto_workers(tasks: int, cpus: int | None = None) -> tuple[int, str]:
    """The worker count for ``tasks`` replications and the reason, in words.

    Parameters
    ----------
    tasks : int
        Replications to compute (all scenarios or points together).
    cpus : int, optional
        CPUs available (default :func:`available_cpus`).

    Returns
    -------
    tuple
        ``(workers, reason)``; 1 means in this process, no Dask.
    """
    cpus = available_cpus() if cpus is None else cpus
    if cpus < MIN_CPUS_FOR_DASK:
        return 1, (f"in-process: {cpus} CPU{'s' if cpus != 1 else ''} available, too few for "
                   "a Dask cluster to pay for its start-up (--workers N to choose)")
    workers = min(cpus - 1, tasks // MIN_REPLICATIONS_PER_WORKER)
    if workers < 2:
        return 1, (f"in-process: {tasks} replications are too few to spread over processes "
                   "(--workers N to choose)")
    return workers, (f"{workers} Dask worker processes: {cpus} CPUs available, one left for "
                     f"this process, {tasks} replications (--workers N to choose)")
