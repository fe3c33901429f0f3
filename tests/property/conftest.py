"""Hypothesis profiles for the property tests.

``ci`` (the default here): 50 derandomized examples per property, no deadline — the
same examples on every run, a regression guard. ``long``: 1,000 fresh random examples
per property, for exploring on demand::

    HYPOTHESIS_PROFILE=long pytest tests/property
    pytest tests/property --hypothesis-profile=long

``dev``: 10 examples, for a quick look while editing.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

COMMON = {"deadline": None, "print_blob": True,
          "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=50, derandomize=True, database=None, **COMMON)  # type: ignore[arg-type]
settings.register_profile("long", max_examples=1000, **COMMON)  # type: ignore[arg-type]
settings.register_profile("dev", max_examples=10, **COMMON)  # type: ignore[arg-type]


def pytest_configure(config: pytest.Config) -> None:
    """Use HYPOTHESIS_PROFILE (default ``ci``) unless --hypothesis-profile chose one."""
    if settings.get_current_profile_name() == "default":
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
