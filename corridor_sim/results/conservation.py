"""Conservation of cargo: created = delivered + in transit + waiting, per flow, in t and TEU."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corridor_sim.engine import RawResults
from corridor_sim.results.tables import lot_status

CONSERVATION_COLUMNS = ["flow", "measure", "created", "delivered", "in_transit", "waiting", "ok"]


class ConservationError(RuntimeError):
    """Cargo was lost or invented: the run's records disagree with its live structures."""


def conservation_table(raw: RawResults, lots: pd.DataFrame,
                       found: np.ndarray | None = None) -> pd.DataFrame:
    """Per flow and measure (lots, t, TEU): created vs delivered + in transit + waiting.

    Delivered lots come from the records of finished last legs; lots in transit and
    waiting from a census of the model's live structures (queues, clearance, vehicles)
    at the end. ``ok`` also requires every lot of the flow to be found exactly once
    (``found``: times each lot was found, from :func:`lot_status`, if computed already).
    """
    if found is None:
        found = lot_status(raw)[2]
    rows = []
    states = lots["status"].array  # compared by category code: no string per lot
    wanted = states.categories.get_indexer(["delivered", "on_vehicle", "waiting"])
    for flow in raw.flow_names:
        mask = (lots["flow"] == flow).to_numpy()
        status = states.codes[mask]
        once = bool(np.all(found[mask] == 1))
        for measure, col in (("lots", None), ("t", "t"), ("teu", "teu")):
            vals = np.ones(int(mask.sum())) if col is None else lots[col].to_numpy()[mask]
            created = vals.sum()
            parts = [vals[status == code].sum() for code in wanted]
            ok = bool(np.isclose(created, sum(parts), rtol=1e-9, atol=1e-6)) and once
            rows.append((flow, measure, created, *parts, ok))
    result: pd.DataFrame = pd.DataFrame(rows, columns=CONSERVATION_COLUMNS)
    return result


def check_conservation(table: pd.DataFrame) -> None:
    """Raise ConservationError naming the flows whose cargo does not add up."""
    bad = table[~table["ok"]]
    if not bad.empty:
        raise ConservationError(
            "cargo not conserved for: " + ", ".join(sorted(set(bad["flow"])))
        )
