"""Engine: the SimPy discrete-event model. No I/O, printing, pandas or plotting here."""

from corridor_sim.engine.run import Census, RawResults, build, run_model

__all__ = ["Census", "RawResults", "build", "compiled", "run_model"]


def compiled() -> bool:
    """Whether the engine's hot path runs as mypyc-compiled extension modules.

    ``False`` for the pure-Python engine (the default install); ``True`` after the
    opt-in compiled build (``python -m benchmarks.build_compiled`` or
    ``CORRIDOR_SIM_MYPYC=1 pip install .``, see CONTRIBUTING.md). Both give the same
    results, bit for bit; the answer is read from where the event loop's module
    (:mod:`corridor_sim.engine.model`) was loaded from.
    """
    from corridor_sim.engine import model

    return not str(model.__file__).endswith(".py")
