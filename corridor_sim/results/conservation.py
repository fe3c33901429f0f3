"""Conservation of cargo: created = delivered + in transit + waiting, per flow, in t and TEU."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.engine import RawResults

CONSERVATION_COLUMNS = ["flow", "measure", "created", "delivered", "in_transit", "waiting", "ok"]


class ConservationError(RuntimeError):
    """Cargo was lost or invented: the run's records disagree with its live structures."""


def conservation_table(raw: RawResults, lots: pd.DataFrame) -> pd.DataFrame:
    """Per flow and measure (lots, t, TEU): created vs delivered + in transit + waiting.

    ``ok`` also requires the lot table's states to agree with a census of the
    model's live structures (queues, clearance, vehicles) taken at the end.
    """
    rows = []
    census = raw.census
    for f, flow in enumerate(raw.flow_names):
        sub = lots[lots["flow"] == flow]
        status = sub["status"]
        census_ok = (
            int((status == "waiting").sum()) == int(census.queued[f] + census.dwelling[f])
            and int((status == "on_vehicle").sum()) == int(census.on_board[f])
        )
        for measure, col in (("lots", None), ("t", "t"), ("teu", "teu")):
            vals = np.ones(len(sub)) if col is None else sub[col].to_numpy()
            created = vals.sum()
            parts = [vals[(status == s).to_numpy()].sum()
                     for s in ("delivered", "on_vehicle", "waiting")]
            ok = bool(np.isclose(created, sum(parts), rtol=1e-9, atol=1e-6)) and census_ok
            rows.append((flow, measure, created, *parts, ok))
    return pd.DataFrame(rows, columns=CONSERVATION_COLUMNS)


def check_conservation(table: pd.DataFrame) -> None:
    """Raise ConservationError naming the flows whose cargo does not add up."""
    bad = table[~table["ok"]]
    if not bad.empty:
        raise ConservationError(
            "cargo not conserved for: " + ", ".join(sorted(set(bad["flow"])))
        )
