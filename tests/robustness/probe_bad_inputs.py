"""Run every bad scenario (and a few file-system faults) through the CLI and count outcomes.

Usage (from the repository root; PYTHONPATH chooses which corridor_sim is probed)::

    PYTHONPATH=$PWD python tests/robustness/probe_bad_inputs.py

Each case runs in-process with Typer's CliRunner under a 60 s alarm, as ``validate`` and
as ``run --no-write``. Outcomes: ``clean`` (exit 2, one ``error:`` message with the
expected fragment, no traceback), ``clean-other`` (exit 2 without the fragment),
``accepted`` (exit 0), ``traceback`` (an exception escaped, MemoryError under the 4 GiB
address-space limit included), ``hang`` (the alarm fired).
"""

from __future__ import annotations

import collections
import os
import resource
import signal
import sys
import tempfile
from pathlib import Path

import yaml
from typer.testing import CliRunner

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
TIMEOUT_S = 60
MEMORY_BYTES = 4 * 2**30  # address-space limit: a run that would exhaust memory fails fast


class Hang(Exception):
    """The alarm fired."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang


def faults(tmp: Path) -> dict[str, tuple[Path, str]]:
    """File-system cases that cannot live in git: a FIFO, a symlink loop, a huge file."""
    base = (BAD / "_base.yaml").read_text()
    (tmp / "_base.yaml").write_text(base)
    os.mkfifo(tmp / "fifo.yaml")
    (tmp / "extends_fifo.yaml").write_text("extends: fifo.yaml\n")
    os.symlink(tmp / "loop_b.yaml", tmp / "loop_a.yaml")
    os.symlink(tmp / "loop_a.yaml", tmp / "loop_b.yaml")
    (tmp / "extends_loop.yaml").write_text("extends: loop_a.yaml\n")
    big = tmp / "huge_file.yaml"
    with open(big, "w") as fh:
        fh.write("extends: _base.yaml\ndescription: '" + "x" * (6 * 2**20) + "'\n")
    return {"fifo.yaml": (tmp / "fifo.yaml", "is a FIFO"),
            "extends_fifo.yaml": (tmp / "extends_fifo.yaml", "is a FIFO"),
            "extends_loop.yaml": (tmp / "extends_loop.yaml", "symlink loop"),
            "huge_file.yaml": (big, "larger than")}


def classify(runner: CliRunner, app: object, args: list[str], fragment: str) -> str:
    signal.alarm(TIMEOUT_S)
    try:
        res = runner.invoke(app, args)  # type: ignore[arg-type]
    except Hang:
        return "hang"
    finally:
        signal.alarm(0)
    if isinstance(res.exception, Hang):
        return "hang"
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        return "traceback"
    if "Traceback" in res.output:
        return "traceback"
    if res.exit_code == 0:
        return "accepted"
    if res.exit_code == 2 and res.stderr.startswith("error: "):
        return "clean" if fragment in res.stderr else "clean-other"
    return f"exit-{res.exit_code}"


def main() -> int:
    from corridor_sim.cli.app import app

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    signal.signal(signal.SIGALRM, _alarm)
    expected = yaml.safe_load((BAD / "EXPECTED.yaml").read_text(encoding="utf-8"))
    runner = CliRunner()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    detail: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        cases = {name: (BAD / name, frag) for name, frag in sorted(expected.items())}
        cases.update(faults(Path(tmp_name)))
        os.chdir(BAD)
        for name, (path, fragment) in cases.items():
            for command in (["validate"], ["run", "--no-write"]):
                outcome = classify(runner, app, [*command, str(path)], fragment)
                counts[command[0]][outcome] += 1
                if outcome != "clean":
                    detail.append(f"{command[0]:8} {outcome:12} {name}")
        print(f"corpus: {len(expected)} files in tests/data/bad + {len(cases) - len(expected)} "
              "file-system faults")
    for command, c in counts.items():
        print(f"{command:8} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    print("\n".join(detail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
