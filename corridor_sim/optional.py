"""Optional features: import a library that may be missing, or say what to install.

One place knows which library each optional feature needs and the command that
installs it, so that a missing library gives a one-line message (exit 2 at the
command line), never an ``ImportError`` traceback in the middle of a run.
"""

from __future__ import annotations

import importlib
from types import ModuleType

#: feature -> (module to import, what to install)
FEATURES: dict[str, tuple[str, str]] = {
    "parquet": ("pyarrow", 'pip install pyarrow  (or: pip install "corridor-sim[parquet]")'),
    "dask": ("distributed", 'pip install "dask[distributed]"  (or: pip install "corridor-sim[dask]")'),
    "geojson": ("geojson", "pip install geojson"),
    "ciw": ("ciw", "pip install ciw"),
    "jsonschema": ("jsonschema", "pip install jsonschema"),
    "notebooks": ("nbclient", "pip install nbclient nbformat ipykernel"),
}


class MissingFeatureError(ImportError):
    """An optional library is not installed; the message says what to install."""


def require(feature: str, what: str | None = None) -> ModuleType:
    """Import the library of an optional ``feature`` or raise :class:`MissingFeatureError`.

    Parameters
    ----------
    feature : str
        A key of :data:`FEATURES` (``"parquet"``, ``"dask"``, ...).
    what : str, optional
        What needs it, for the message (e.g. ``"--parquet"``); default the feature.

    Returns
    -------
    module
        The imported library.
    """
    module, install = FEATURES[feature]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingFeatureError(
            f"{what or feature} needs the optional library '{module}', which is not installed; "
            f"install it with: {install}") from None
