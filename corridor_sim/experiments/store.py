"""An experiment's output directory: one file per finished replication, and a manifest.

Layout::

    OUT/manifest.json              scenario name and hash, root seed, package version
    OUT/scenario.yaml              the resolved scenario
    OUT/replications/rep-000007.json   one per finished replication (KPIs and targets)
    OUT/kpis.csv, summary.csv, targets.csv   written when the experiment completes

Every file is written to a temporary file in the same directory and moved into
place with ``os.replace``, so an interrupted experiment leaves only whole files;
``resume`` reloads them and computes only the missing replications.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corridor_sim.experiments.record_check import sealed, verified
from corridor_sim.experiments.replications import Record
from corridor_sim.io.atomic import atomic_write_text, sweep_stale
from corridor_sim.io.yaml_text import yaml_text
from corridor_sim.scenario.schema import Scenario

FORMAT = "corridor-sim-experiment/1"
MANIFEST = "manifest.json"
REPS = "replications"
CHECKED = ("scenario_hash", "root_seed", "version", "parameter_uncertainty")
_SAME_RUN = "or the original scenario, overrides and --seed"
HOW_TO_MATCH = {"scenario_hash": _SAME_RUN, "root_seed": _SAME_RUN, "version": _SAME_RUN,
                "parameter_uncertainty": "or resume as it was run: with or without "
                                         "--parameter-uncertainty, from the same fitted distribution"}
"""What a refused resume suggests, per checked manifest field."""


class ExperimentError(ValueError):
    """An experiment that cannot run as asked (bad arguments, unusable output directory)."""


class ExperimentStoreError(ExperimentError):
    """An output directory that cannot be used (exists, or belongs to another experiment)."""


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (:func:`corridor_sim.io.atomic.atomic_write_text`)."""
    atomic_write_text(path, text)


def check_parent(out: Path, resume: bool) -> None:
    """Refuse to start a sweep or comparison in a non-empty ``out`` unless resuming."""
    if not resume and out.exists() and any(out.iterdir()):
        raise ExperimentStoreError(
            f"{out} exists and is not empty; add --resume to continue the experiments "
            "stored there or choose another --out")


class ExperimentStore:
    """The directory of one experiment (one scenario, one root seed).

    Parameters
    ----------
    out : Path
        The directory.
    manifest : dict
        What identifies the experiment: ``scenario_hash``, ``root_seed``, ``version`` and,
        when parameters are drawn per replication, ``parameter_uncertainty``.
    """

    def __init__(self, out: Path, manifest: dict[str, Any]) -> None:
        self.out = Path(out)
        self.manifest = manifest

    @classmethod
    def open(cls, out: Path, scenario: Scenario, manifest: dict[str, Any],
             resume: bool) -> ExperimentStore:
        """Create ``out``, or reopen it with ``resume`` after checking it is the same experiment.

        Raises
        ------
        ExperimentStoreError
            If ``out`` holds an experiment and ``resume`` is false, if it holds a
            different experiment (scenario hash, root seed, version or parameter
            uncertainty), or if it is
            a non-empty directory that is not an experiment.
        """
        out = Path(out)
        manifest = {"format": FORMAT, **manifest}
        path = out / MANIFEST
        if path.exists():
            old = _read_manifest(path)
            if not resume:
                raise ExperimentStoreError(
                    f"{out} already holds an experiment; add --resume to continue it "
                    "or choose another --out")
            _check_same(out, old, manifest)
        elif out.exists() and any(out.iterdir()):
            raise ExperimentStoreError(
                f"{out} exists and is not an experiment directory (no {MANIFEST}); "
                "choose another --out")
        (out / REPS).mkdir(parents=True, exist_ok=True)
        for folder in (out, out / REPS):
            sweep_stale(folder)  # temporaries of killed experiments
        atomic_write(path, json.dumps(manifest, indent=2, sort_keys=True))
        resolved = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        atomic_write(out / "scenario.yaml", yaml_text(resolved))
        return cls(out, manifest)

    def path_of(self, replication: int) -> Path:
        """The file of one replication."""
        return self.out / REPS / f"rep-{replication:06d}.json"

    def save(self, record: Record) -> None:
        """Store one finished replication (atomically)."""
        atomic_write(self.path_of(record.replication),
                     json.dumps(sealed(record, self.manifest)))

    def load(self) -> dict[int, Record]:
        """Every stored replication, by index, each checked against the manifest.

        Raises
        ------
        ExperimentStoreError
            A file that is unreadable, misnamed (``rep-000007.json`` holding replication 8),
            of another seed or scenario, altered after it was written (checksum), or with
            missing or ragged KPI columns; the message names the file and how to mend it.
        """
        records: dict[int, Record] = {}
        manifest = self.manifest
        if "root_seed" not in manifest and (self.out / MANIFEST).exists():
            manifest = _read_manifest(self.out / MANIFEST)  # a store opened without one
        for path in sorted((self.out / REPS).glob("rep-*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                record = verified(data, _index_of(path), manifest)
            except (ValueError, KeyError, TypeError, OSError) as exc:
                raise ExperimentStoreError(
                    f"{path}: unusable replication file ({exc}); delete it and resume "
                    "to compute it again") from None
            records[record.replication] = record
        return records

    def write_table(self, name: str, text: str) -> None:
        """Write a final table (CSV text) beside the replications."""
        atomic_write(self.out / name, text)


def _index_of(path: Path) -> int:
    stem = path.stem.removeprefix("rep-")
    if not stem.isdigit():
        raise ValueError(f"'{path.name}' is not named rep-NNNNNN.json")
    return int(stem)


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ExperimentStoreError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExperimentStoreError(f"{path}: not a corridor-sim experiment manifest")
    return data


def _check_same(out: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
    for key in CHECKED:
        if old.get(key) != new.get(key):
            raise ExperimentStoreError(
                f"cannot resume {out}: its {key.replace('_', ' ')} is {_shown(key, old)}, "
                f"this experiment's is {_shown(key, new)}; resuming would mix replications "
                f"of different experiments — use another --out ({HOW_TO_MATCH[key]})")


def _shown(key: str, manifest: dict[str, Any]) -> str:
    """A manifest value in a message (no parameter uncertainty is stored as no key)."""
    if key == "parameter_uncertainty" and manifest.get(key) is None:
        return "none (run without --parameter-uncertainty)"
    return repr(manifest.get(key))
