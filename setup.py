"""The dynamic parts of the build: the shipped scenario library and the optional compiled engine.

Everything else is in pyproject.toml. ``scenarios/`` (at the repository root, where the
README's commands find it) is installed as ``corridor_sim/data/scenarios/`` so that
``corridor-sim run package:scenarios/varna.yaml`` works after a plain ``pip install``.

``CORRIDOR_SIM_MYPYC=1`` (opt-in; needs mypy and a C compiler) also compiles the engine's
hot path with mypyc (:data:`COMPILED`); without it the build is pure Python. In a
checkout, ``python -m benchmarks.build_compiled`` builds those modules in place and
``--clean`` removes them.
"""

import os
from pathlib import Path

from setuptools import find_packages, setup

#: modules of the engine left in Python: the packages' ``__init__.py`` and ``run.py`` (called
#: once a run, not hot; its tests replace its ``build`` and collection threshold)
PURE = ("__init__.py", "run.py")
#: the engine modules compiled by ``CORRIDOR_SIM_MYPYC=1`` (the rest of corridor_sim stays Python)
COMPILED = sorted(str(p) for p in Path("corridor_sim/engine").rglob("*.py") if p.name not in PURE)


def ext_modules() -> list[object]:
    """The mypyc extensions when ``CORRIDOR_SIM_MYPYC=1``, else none."""
    if os.environ.get("CORRIDOR_SIM_MYPYC", "") not in ("1", "true", "yes"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:  # pragma: no cover - opt-in path
        raise SystemExit("CORRIDOR_SIM_MYPYC=1 needs mypy (with mypyc): pip install mypy") from exc
    # mypyc checks under the running Python (not pyproject's 3.10): the modules it only
    # follows (pandas code, whose stubs differ by version) are analysed, not reported.
    # The shared library goes inside the package (not at the top level, where an
    # installed package could not find it).
    return list(mypycify(["--follow-imports=silent", *COMPILED], group_name="corridor_sim.engine._native",
                         opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3")))


setup(
    packages=[*find_packages(include=["corridor_sim", "corridor_sim.*"]), "corridor_sim.data.scenarios"],
    package_dir={"corridor_sim.data.scenarios": "scenarios"},
    ext_modules=ext_modules(),
)
