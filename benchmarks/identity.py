"""Hash every result table of every shipped scenario: a speed-up must keep them to the bit.

Each scenario of ``scenarios/*.yaml`` and ``scenarios/bulgaria/*.yaml`` is simulated at
seed 0 over a shortened horizon (``--days``, warm-up kept) and each of its tables (lots,
legs per parcel, legs per lot, trips, nodes_daily, edges_daily, kpis, targets,
conservation, monthly) is hashed from its column names, dtypes and cell values
(``pandas.util.hash_pandas_object``: floats by their bits). ``--save`` writes the hashes
(``benchmarks/out/identity.json`` by default); ``--check`` compares with a saved file
and exits 1 on any difference, naming the scenario and table::

    python benchmarks/identity.py --save            # on the code before a change
    python benchmarks/identity.py --check           # after it: "identical" or the tables that moved
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
DEFAULT_FILE = Path(__file__).resolve().parent / "out" / "identity.json"
LONG_RUNS = {"growth_2030.yaml": 1000.0}  # also over its dated changes (timeline versions)


def table_hash(df: pd.DataFrame) -> str:
    """A hash of a table's columns, dtypes, index and cells (floats bit for bit)."""
    h = hashlib.sha256()
    h.update(repr([(str(c), str(t)) for c, t in df.dtypes.items()]).encode())
    h.update(str(len(df)).encode())
    if len(df):
        try:
            cells = pd.util.hash_pandas_object(df, index=True).to_numpy()
            h.update(cells.tobytes())
        except TypeError:  # unhashable cells (lists): their text, floats in full (repr)
            h.update(df.to_csv().encode())
    return h.hexdigest()[:16]


def scenario_paths() -> list[Path]:
    """Every shipped scenario file."""
    return sorted(SCENARIOS.glob("*.yaml")) + sorted((SCENARIOS / "bulgaria").glob("*.yaml"))


def hashes_of(path: Path, days: float, seed: int = 0) -> dict[str, str]:
    """The hash of each table of ``path`` run for ``days`` at ``seed``."""
    from corridor_sim import simulate
    from corridor_sim.scenario import load_scenario

    s = load_scenario(path, overrides={"run.horizon_days": days})
    r = simulate(s, seed=seed)
    tables = dict(r.tables())
    tables["legs_per_lot"] = r.legs
    return {name: table_hash(df) for name, df in sorted(tables.items())}


def all_hashes(days: float) -> dict[str, dict[str, str]]:
    """Hashes of every shipped scenario (bulgaria's with ``CORRIDOR_SIM_EXTENDS_PATH``)."""
    os.environ.setdefault("CORRIDOR_SIM_EXTENDS_PATH", str(SCENARIOS))
    out: dict[str, dict[str, str]] = {}
    for path in scenario_paths():
        key = str(path.relative_to(SCENARIOS))
        out[key] = hashes_of(path, days)
        print(f"{key}: {len(out[key])} tables", file=sys.stderr, flush=True)
        if path.name in LONG_RUNS and path.parent == SCENARIOS:
            out[f"{key}@{LONG_RUNS[path.name]:g}"] = hashes_of(path, LONG_RUNS[path.name])
    return out


def main(argv: list[str] | None = None) -> int:
    """Save or check the hashes; 1 if any table differs from the saved ones."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--days", type=float, default=300.0, help="horizon of each run (days)")
    p.add_argument("--file", type=Path, default=DEFAULT_FILE)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", action="store_true")
    mode.add_argument("--check", action="store_true")
    a = p.parse_args(argv)
    now = {"days": a.days, "hashes": all_hashes(a.days)}
    if a.save:
        a.file.parent.mkdir(parents=True, exist_ok=True)
        a.file.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
        print(f"saved {a.file}")
        return 0
    saved = json.loads(a.file.read_text())
    if saved["days"] != a.days:
        print(f"saved hashes are for {saved['days']} days, not {a.days}")
        return 1
    moved = [f"{sc}: {t}" for sc, tabs in saved["hashes"].items() for t, v in tabs.items()
             if now["hashes"].get(sc, {}).get(t) != v]
    moved += [f"{sc}: new scenario" for sc in now["hashes"] if sc not in saved["hashes"]]
    print("identical" if not moved else "DIFFERENT:\n  " + "\n  ".join(moved))
    return 1 if moved else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
