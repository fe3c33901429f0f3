"""Random streams: one independent numpy Generator per named model component.

Every stream derives from the run's seed through ``numpy.random.SeedSequence``
with a spawn key taken from the component's name, so adding a flow or a service
leaves the draws of every other component unchanged (common random numbers when
scenarios are compared). No global random state is touched.
"""

from __future__ import annotations

import math
import zlib

import numpy as np

from corridor_sim.scenario.distributions import Dist

BUFFER = 256


def stream(seed: int | np.random.SeedSequence, name: str) -> np.random.Generator:
    """An independent generator for component ``name`` under ``seed``."""
    if isinstance(seed, np.random.SeedSequence):
        entropy = seed.entropy
        key = (*seed.spawn_key, zlib.crc32(name.encode()))
    else:
        entropy, key = seed, (zlib.crc32(name.encode()),)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=key)))


class Sampler:
    """Draws from a :class:`Dist` in vectorised blocks; ``draw()`` returns one value.

    Parameters
    ----------
    dist : Dist
        The distribution (units are the caller's, e.g. hours).
    gen : numpy.random.Generator
        The component's stream.
    scale : float
        Multiplies every draw.
    """

    __slots__ = ("_buf", "_fixed", "_gen", "_i", "_kind", "_params", "_scale")

    def __init__(self, dist: Dist, gen: np.random.Generator, scale: float = 1.0) -> None:
        self._kind = dist.kind
        self._params = dist.params
        self._gen = gen
        self._scale = scale
        self._fixed: float | None = dist.params[0] * scale if dist.kind == "fixed" else None
        self._buf: list[float] = []
        self._i = 0

    def draw(self) -> float:
        """The next value."""
        if self._fixed is not None:
            return self._fixed
        if self._i >= len(self._buf):
            self._buf = (self._block(BUFFER) * self._scale).tolist()
            self._i = 0
        value = self._buf[self._i]
        self._i += 1
        return value

    def _block(self, n: int) -> np.ndarray:
        p, g = self._params, self._gen
        if self._kind == "uniform":
            return g.uniform(p[0], p[1], n)
        if self._kind == "triangular":
            if p[0] == p[2]:
                return np.full(n, p[0])
            return g.triangular(p[0], p[1], p[2], n)
        if self._kind == "exponential":
            return g.exponential(p[0], n)
        if self._kind == "lognormal":
            sigma2 = np.log1p(p[1] ** 2)
            return g.lognormal(np.log(p[0]) - sigma2 / 2.0, np.sqrt(sigma2), n)
        if self._kind == "gamma":
            shape = 1.0 / p[1] ** 2
            return g.gamma(shape, p[0] / shape, n)
        raise ValueError(f"unknown distribution {self._kind}")


class UnitExp:
    """Buffered draws of Exp(1) from one generator (arrival and storm clocks)."""

    __slots__ = ("_buf", "_gen", "_i")

    def __init__(self, gen: np.random.Generator) -> None:
        self._gen = gen
        self._buf: list[float] = []
        self._i = 0

    def draw(self) -> float:
        """The next Exp(1) value."""
        if self._i >= len(self._buf):
            self._buf = self._gen.standard_exponential(BUFFER).tolist()
            self._i = 0
        value = self._buf[self._i]
        self._i += 1
        return value

    def uniform(self) -> float:
        """A U(0, 1) value derived from the same clock stream."""
        return 1.0 - math.exp(-self.draw())
