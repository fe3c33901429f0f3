"""A group of consecutive services counts each lot once; the leg sum counts it per leg."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from corridor_sim import load_scenario, simulate


def test_consecutive_services_in_one_group(tmp_path: Path, tandem: dict[str, Any]) -> None:
    tandem["run"]["horizon_days"] = 30
    tandem["services"]["bc"]["groups"] = ["sea"]  # ab and bc both in "sea", one after the other
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(tandem))
    r = simulate(load_scenario(path), seed=2)
    g = r.kpi_table("group").loc["sea"]
    legs = r.legs[r.legs["arrive_h"].notna()]
    assert g["leg_sum_teu"] == r.trips["teu"].sum()
    assert g["throughput_teu"] == legs.drop_duplicates("lot")["teu"].sum()
    assert g["leg_sum_teu"] > 1.5 * g["throughput_teu"]  # most lots took both legs
