"""Build the optional mypyc-compiled engine in place, or remove it.

::

    python -m benchmarks.build_compiled           # compile setup.py's COMPILED modules in place
    python -m benchmarks.build_compiled --clean   # remove every compiled artefact again

The build runs ``CORRIDOR_SIM_MYPYC=1 python setup.py build_ext --inplace`` (one compile
job; needs mypy and a C compiler): an extension module (``*.so`` / ``*.pyd``) lands next
to each compiled ``.py`` file and Python imports it instead, beside the shared library
``corridor_sim/engine/_native__mypyc*`` (an older build put it at the repository root,
which ``--clean`` also sweeps). All of it is git-ignored; ``--clean`` deletes it
and ``build/``. ``corridor_sim.engine.compiled()`` tells which engine is in use.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".so", ".pyd")


def artefacts() -> list[Path]:
    """Every compiled file of the in-place build: the package's extensions and the shared library."""
    inside = [p for p in (ROOT / "corridor_sim").rglob("*") if p.suffix in SUFFIXES]
    shared = [p for p in ROOT.glob("*__mypyc*") if p.suffix in SUFFIXES]
    return sorted(inside + shared)


def clean() -> list[Path]:
    """Remove the compiled artefacts and ``build/``; return the files removed."""
    gone = artefacts()
    for p in gone:
        p.unlink()
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    return gone


def build() -> int:
    """Compile in place (one job); return the exit status of the build."""
    env = {**os.environ, "CORRIDOR_SIM_MYPYC": "1"}
    cmd = [sys.executable, "setup.py", "build_ext", "--inplace", "--parallel", "1"]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="build (or --clean) the mypyc-compiled engine in place")
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = parser.parse_args(argv)
    if args.clean:
        gone = clean()
        print(f"removed {len(gone)} compiled file(s); the engine is pure Python")
        return 0
    if shutil.which(os.environ.get("CC", "cc")) is None:
        print("no C compiler found (cc): the compiled build needs one", file=sys.stderr)
        return 2
    try:
        import mypyc  # noqa: F401
    except ImportError:
        print("the compiled build needs mypy (with mypyc): pip install mypy", file=sys.stderr)
        return 2
    rc = build()
    if rc == 0:
        print(f"compiled {len(artefacts())} file(s) in place; python -m benchmarks.build_compiled --clean "
              "removes them")
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
