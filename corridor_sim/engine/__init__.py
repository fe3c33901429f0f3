"""Engine: the SimPy discrete-event model. No I/O, printing, pandas or plotting here."""

from corridor_sim.engine.run import Census, RawResults, build, run_model

__all__ = ["Census", "RawResults", "build", "run_model"]
