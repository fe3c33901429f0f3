"""The one dynamic part of the build: the scenario library is shipped inside the package.

Everything else is in pyproject.toml. ``scenarios/`` (at the repository root, where the
README's commands find it) is installed as ``corridor_sim/data/scenarios/`` so that
``corridor-sim run package:scenarios/varna.yaml`` works after a plain ``pip install``.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["corridor_sim", "corridor_sim.*"]), "corridor_sim.data.scenarios"],
    package_dir={"corridor_sim.data.scenarios": "scenarios"},
)
