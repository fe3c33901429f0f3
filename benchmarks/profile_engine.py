"""Profile the engine on one scenario with cProfile and print the top entries.

Usage (from the repository root)::

    python benchmarks/profile_engine.py scenarios/target_2025.yaml --top 25 [--sort tottime]

Only :func:`corridor_sim.engine.run_model` is profiled (no scenario loading, routing
or results building), after one warm-up run.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats


def profile_engine(path: str, seed: int = 0, top: int = 25, sort: str = "tottime") -> str:
    """The cProfile table of one engine run of the scenario at ``path``.

    Parameters
    ----------
    path : str
        Scenario file.
    seed : int
        Run seed.
    top : int
        Rows to keep.
    sort : str
        A :mod:`pstats` sort key (``tottime``, ``cumulative``).

    Returns
    -------
    str
        The table as text.
    """
    from corridor_sim import load_scenario
    from corridor_sim.engine import run_model
    from corridor_sim.network import resolve_routes

    scenario = load_scenario(path)
    routes = resolve_routes(scenario)
    run_model(scenario, routes, seed)
    prof = cProfile.Profile()
    prof.runcall(run_model, scenario, routes, seed)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats(sort).print_stats(top)
    return out.getvalue()


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    print(profile_engine(args.scenario, args.seed, args.top, args.sort))


if __name__ == "__main__":
    main()
