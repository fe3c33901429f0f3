"""Execute the notebooks in place and store them with their outputs (figures, tables).

    PYTHONPATH=. python tools/execute_notebooks.py [NAME ...]

Run from the repository root after a change to the model or a notebook, and commit
the result: a reader on the web then sees every figure and number. The replications
are the notebooks' own defaults (CORRIDOR_NOTEBOOK_REPLICATIONS unset).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def main(names: list[str]) -> None:
    os.environ.pop("CORRIDOR_NOTEBOOK_REPLICATIONS", None)
    for name in names or [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]:
        path = ROOT / "notebooks" / f"{name}.ipynb"
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, kernel_name="python3", timeout=3600,
                       resources={"metadata": {"path": str(ROOT)}}).execute()
        nbformat.write(nb, path)
        print(f"executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
