"""Table files: Parquet for big tables (every bit kept), CSV for small ones, CSV floats rounded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from corridor_sim.cli.app import app
from corridor_sim.results.formats import (
    BIG_TABLES,
    csv_decimals,
    file_names,
    rounded_for_csv,
    write_tables,
)
from tests.conftest import TINY

runner = CliRunner()


def test_decimals_follow_the_unit_in_the_name() -> None:
    assert [csv_decimals(c) for c in ("wait_h", "transit_days", "teu", "t", "yard_teu", "queue_t",
                                      "yard_teu_util", "load_factor", "mystery")] == [
        3, 4, 3, 3, 3, 3, 4, 4, 6]


def test_rounding_keeps_ints_and_rounds_kpi_values_by_their_unit() -> None:
    kpis = pd.DataFrame({"metric": ["a", "b", "c"], "value": [1.23456789, 0.123456789, np.nan],
                         "unit": ["h", "fraction", "USD/t"], "n": [1, 2, 3]})
    out = rounded_for_csv(kpis)
    assert out["value"].tolist()[:2] == [1.235, 0.1235] and np.isnan(out["value"].iloc[2])
    assert out["n"].dtype == kpis["n"].dtype and kpis["value"].iloc[0] == 1.23456789  # no mutation


@pytest.mark.parametrize("fmt", ["parquet", "csv", "both"])
def test_files_per_format(fmt: Any, tmp_path: Path) -> None:
    legs = pd.DataFrame({"ready_h": [1 / 3, 2 / 3], "lots": [5, 7]})
    small = pd.DataFrame({"value": [1 / 3], "unit": ["t"]})
    written = write_tables({"legs": legs, "kpis": small}, tmp_path, fmt)
    assert sorted(p.name for p in written) == sorted(file_names("legs", fmt) + ["kpis.csv"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    if fmt != "csv":  # Parquet keeps every bit
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "legs.parquet"), legs)
    if fmt != "parquet":
        assert (tmp_path / "legs.csv").read_text().splitlines()[1:] == ["0.333,5", "0.667,7"]
    assert (tmp_path / "kpis.csv").read_text().splitlines()[1] == "0.333,t"


def test_cli_format_csv_and_a_bad_format(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(TINY))
    res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "c"), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert not list((tmp_path / "c").glob("*.parquet"))
    assert {f"{t}.csv" for t in BIG_TABLES} <= {p.name for p in (tmp_path / "c").iterdir()}
    res = runner.invoke(app, ["run", str(path), "--out", str(tmp_path / "x"), "--format", "xls"])
    assert res.exit_code == 2 and "parquet" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x").exists()
