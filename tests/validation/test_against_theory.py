"""Simulated means against queueing theory, within t-based 99.9 % confidence intervals.

Each case runs over ``cases.SEEDS`` (independent seeds); the mean of the per-run
means must lie within its Student-t interval widened by the reference's bias
allowance (``cases.BIAS_REL`` of the analytical value unless stated).
"""

from __future__ import annotations

import pytest

from tests.validation.cases import CASES, LEVEL, Reference, replicate
from tests.validation.estimate import interval
from tests.validation.theory import utilization

PAIRS = [(key, ref) for key, make in CASES.items() for ref in make().references]


@pytest.mark.parametrize(("key", "ref"), PAIRS, ids=[f"{k}-{r.measure}" for k, r in PAIRS])
def test_simulated_mean_matches_theory(key: str, ref: Reference) -> None:
    ci = interval(replicate(key)[ref.measure], LEVEL)
    assert ci.covers(ref.value, ref.allowance), (
        f"{key}: {ref.label} simulated {ci.mean:.4f} ± {ci.half:.4f} (n={ci.n}), "
        f"{ref.formula} gives {ref.value:.4f} (allowance ± {ref.allowance:.4f})")


@pytest.mark.parametrize("key", list(CASES))
def test_cases_are_moderately_loaded(key: str) -> None:
    # Light traffic would make the check easy; heavy traffic would need very long runs.
    refs = {r.measure: r.value for r in CASES[key]().references}
    if "rho" in refs:
        assert 0.5 <= refs["rho"] <= 0.8
    else:  # the tandem: both stations
        doc = CASES[key]().doc
        lam = refs["lam_per_h"]
        for node in ("a", "b"):
            mu = doc["nodes"][node]["handling"]["container_teu_per_h"]
            assert 0.5 <= utilization(lam, mu) <= 0.8


def test_interval_is_tight_enough_to_mean_something() -> None:
    # The 99.9 % half-width of the M/M/1 wait stays below a fifth of the value, so a
    # handling rate off by 5 % (W_q off by ~20 %) would fail the comparison above.
    ci = interval(replicate("mm1")["wait_h"], LEVEL)
    assert ci.half < 0.2 * 1.5
