"""The optional compiled engine: which engine runs, the pure one on demand, the same results.

These pass with and without the compiled build (``python -m benchmarks.build_compiled``);
with it, the subprocess test compares the compiled engine with the pure one to the bit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import build_compiled, compiled_compare
from corridor_sim.engine import compiled, model

ROOT = Path(__file__).resolve().parents[2]

#: run a short target_2025 and print which engine ran and the hash of every table
_RUN = """
import json, sys
{prelude}
from benchmarks.identity import table_hash
from corridor_sim import simulate
from corridor_sim.engine import compiled, model
from corridor_sim.scenario import load_scenario
r = simulate(load_scenario("scenarios/target_2025.yaml", overrides={{"run.horizon_days": 120.0}}), seed=3)
tables = dict(r.tables())
print(json.dumps({{"compiled": compiled(), "file": str(model.__file__),
                  "hashes": {{k: table_hash(v) for k, v in sorted(tables.items())}}}}))
"""


def run_child(pure: bool) -> dict[str, object]:
    prelude = ("from benchmarks.compiled_compare import SourceOnly; sys.meta_path.insert(0, SourceOnly())"
               if pure else "")
    done = subprocess.run([sys.executable, "-c", _RUN.format(prelude=prelude)], cwd=ROOT, check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_compiled_tells_where_the_engine_was_loaded_from() -> None:
    assert compiled() is (not str(model.__file__).endswith(".py"))
    assert compiled() is any(p.name.startswith("model.") for p in build_compiled.artefacts())


def test_pure_engine_on_demand_gives_the_same_tables_as_this_one() -> None:
    pure, this = run_child(pure=True), run_child(pure=False)
    assert pure["compiled"] is False and str(pure["file"]).endswith("model.py")
    assert this["compiled"] is compiled()
    assert pure["hashes"] == this["hashes"]
    assert len(this["hashes"]) >= 9  # type: ignore[arg-type]


def test_clean_removes_only_compiled_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = tmp_path / "corridor_sim" / "engine"
    engine.mkdir(parents=True)
    keep = [engine / "model.py", engine / "__init__.py", tmp_path / "setup.py"]
    built = [engine / "model.cpython-311-x86_64-linux-gnu.so", engine / "_native__mypyc.cpython-311.so",
             tmp_path / "abc__mypyc.cpython-311.so"]
    for p in keep + built:
        p.write_text("")
    (tmp_path / "build").mkdir()
    monkeypatch.setattr(build_compiled, "ROOT", tmp_path)
    assert build_compiled.artefacts() == sorted(built)
    assert sorted(build_compiled.clean()) == sorted(built)
    assert all(p.exists() for p in keep) and not any(p.exists() for p in built)
    assert not (tmp_path / "build").exists() and build_compiled.artefacts() == []


def test_comparison_keeps_each_sides_best_and_reads_speed_ups() -> None:
    runs = [{"compiled": True, "engine_s": 2.0, "events_per_s": 10.0, "ciw_mmc_agree": True},
            {"compiled": True, "engine_s": 1.0, "events_per_s": 30.0, "ciw_mmc_agree": True}]
    assert compiled_compare.best(runs) == {"compiled": True, "engine_s": 1.0, "events_per_s": 30.0,
                                           "ciw_mmc_agree": True}
    pure = {"events": 5, "engine_s": 4.0, "events_per_s": 10.0, "ciw_mmc_agree": True,
            "ciw_tandem_agree": True}
    fast = {**pure, "engine_s": 1.0, "events_per_s": 40.0}
    text = compiled_compare.markdown(pure, fast)
    assert "| engine_s | 4 | 1 | 4.00× |" in text and "| events_per_s | 10 | 40 | 4.00× |" in text
    assert "agree with Ciw's: yes" in text
