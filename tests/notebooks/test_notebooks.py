"""Execute every notebook top to bottom in a fresh kernel (nbclient), from the repository root.

The kernel is the ``python3`` kernelspec; jupyter_client starts it with the running
interpreter (``sys.executable``), so the notebooks import this checkout's corridor_sim
without ``ipykernel install``. Notebooks are stored *with* their outputs (a reader on the
web sees every figure), executed by ``tools/execute_notebooks.py`` with enough
replications for the rankings they state; the test here re-executes them with 2
replications (``CORRIDOR_NOTEBOOK_REPLICATIONS``) and, where a notebook reads it, a
150-day clock (``CORRIDOR_NOTEBOOK_HORIZON_DAYS``: past every warm-up, so every cell
still computes a window, its KPIs, targets and differences) to keep the CPU modest.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ("getting_started", "what_if", "caspian_fleet", "bulgaria")
CELL_TIMEOUT_S = 600
STORED_REPLICATIONS = {"what_if": 20, "caspian_fleet": 20}  # at least
TEST_HORIZON_DAYS = 150
SHORTENED = ("what_if", "caspian_fleet", "bulgaria")  # read CORRIDOR_NOTEBOOK_HORIZON_DAYS

pytestmark = pytest.mark.skipif(not (ROOT / "scenarios" / "target_2025.yaml").exists(),
                                reason="the shipped scenarios are not in this checkout")


def test_every_notebook_is_listed() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


def _text(outputs: list) -> str:
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_with_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count is not None for cell in code), "store it executed"
    outputs = [o for cell in code for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert [o for o in outputs if "image/png" in o.get("data", {})], "no stored figure"
    if name in STORED_REPLICATIONS:
        found = re.search(r"replications per scenario: (\d+)", _text(outputs))
        assert found is not None and int(found[1]) >= STORED_REPLICATIONS[name]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT),
                                                                   os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("CORRIDOR_NOTEBOOK_REPLICATIONS", "2")
    monkeypatch.setenv("CORRIDOR_NOTEBOOK_HORIZON_DAYS", str(TEST_HORIZON_DAYS))
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # what is checked is this run's
    client = NotebookClient(nb, kernel_name="python3", timeout=CELL_TIMEOUT_S,
                            resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, "the notebook draws no figure"
    if name in STORED_REPLICATIONS:
        assert "replications per scenario: 2" in _text(outputs)


@pytest.mark.parametrize("name", NAMES)
def test_the_shortened_clock_reaches_every_run(name: str) -> None:
    # A notebook that reads the knob must pass it to every call that simulates, or the
    # test would run that call at full length; one that does not read it (the
    # newcomer's notebook) must not half-read it.
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    reads = "CORRIDOR_NOTEBOOK_HORIZON_DAYS" in source
    assert reads == (name in SHORTENED)
    if not reads:
        return
    knob = "SHORT" if name == "bulgaria" else "OVERRIDES"
    calls = re.findall(r"(?:compare_scenarios|run_experiment|run_sweep|compare_choice|"
                       r"simulate)\((?:[^()]|\([^()]*\))*\)", source)
    loads = re.findall(r"load_scenario\([^()]*\)", source)
    assert calls
    for call in calls:
        assert knob in call or "load_scenario" in call or "scenarios" in call, call
    for load in loads:
        assert knob in load or "PLAN)" in load, load
