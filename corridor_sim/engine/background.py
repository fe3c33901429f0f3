"""Background calls: the other users of a shared terminal take its berths and yard.

Each background flow is a Poisson stream of calls at one terminal. A call waits for
yard room (if it stays in the yard) and an open terminal, takes a berth, is handled ``handlings`` times at
the terminal's rate (times a draw of its handling factor), frees the berth, and leaves
the yard after ``yard_days``. Calls are recorded in ``m.background`` (one row each:
flow, arrival, berth start, berth end, TEU, t).
"""

from __future__ import annotations

from collections.abc import Generator

import numpy as np
import simpy
from simpy.events import Timeout

from corridor_sim.engine.model import Model
from corridor_sim.engine.rng import Sampler, UnitExp, stream
from corridor_sim.engine.state import NodeState
from corridor_sim.scenario.background import Background
from corridor_sim.scenario.calendar import HOURS_PER_DAY, HOURS_PER_YEAR

Proc = Generator[simpy.Event, object, None]

def start_background(m: Model) -> None:
    """Start the call stream of every enabled background flow."""
    for i, (key, b) in enumerate(m.scenario.background.items()):
        if b.enabled:
            node = m.nodes[m.node_index[b.node]]
            m.env.process(calls(m, i, b, node, stream(m.seed, f"background:{key}")))


def calls(m: Model, i: int, b: Background, node: NodeState, gen: np.random.Generator) -> Proc:
    """Poisson calls of background flow ``i`` at ``node`` until the horizon."""
    env = m.env
    exp = UnitExp(gen)
    yard_h = Sampler(b.yard_days, gen, scale=HOURS_PER_DAY)
    mean_gap_h = HOURS_PER_YEAR / b.calls_per_year
    teu, t = b.call_size
    rate = node.rate_per_h[b.cargo]
    work = (teu if b.cargo == "container" else t) * b.handlings
    while True:
        gap_h = exp.draw() * mean_gap_h
        if env.now + gap_h >= m.horizon_h:
            return
        yield Timeout(env, gap_h)
        env.process(call(m, i, node, teu, t, work / rate, yard_h))


def call(m: Model, i: int, node: NodeState, teu: float, t: float, hours: float,
         yard_h: Sampler) -> Proc:
    """One background call: yard room, a berth, handling, then time in the yard."""
    env = m.env
    arrive = env.now
    stay_h = yard_h.draw()
    yard = node.yard_teu if teu > 0.0 else node.yard_t
    size = teu if teu > 0.0 else t
    if stay_h > 0.0 and not yard.try_put(size):
        yield yard.put(size)
    while not node.gate.is_open:  # a storm or closure stops every user of the terminal
        yield node.gate.wait_open()
    if not node.berths.try_acquire():
        yield node.berths.request()
    start = env.now
    if hours > 0.0:
        yield Timeout(env, hours * node.handling_factor.draw())
    node.berths.release()
    m.background.add((i, arrive, start, env.now, teu, t))
    if stay_h > 0.0:
        yield Timeout(env, stay_h)
        yard.get(size)
