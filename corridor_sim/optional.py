"""Optional features: import a library that may be missing, or say what to install.

One place knows which library each optional feature needs and the command that
installs it, so that a missing library gives a one-line message (exit 2 at the
command line), never an ``ImportError`` traceback in the middle of a run. The
imports are written out (no ``importlib``), so that what can be imported is
visible to readers and type checkers.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType


def _pyarrow() -> ModuleType:
    import pyarrow
    return pyarrow  # type: ignore[no-any-return,unused-ignore]


def _distributed() -> ModuleType:
    import distributed
    return distributed


def _geojson() -> ModuleType:
    import geojson  # type: ignore[import-untyped,unused-ignore]
    return geojson  # type: ignore[no-any-return,unused-ignore]


def _jsonschema() -> ModuleType:
    import jsonschema
    return jsonschema  # type: ignore[no-any-return,unused-ignore]


def _nbclient() -> ModuleType:
    import nbclient
    return nbclient


#: feature -> (library, importer, what to install)
FEATURES: dict[str, tuple[str, Callable[[], ModuleType], str]] = {
    "parquet": ("pyarrow", _pyarrow,
                'pip install pyarrow  (or: pip install "corridor-sim[parquet]")'),
    "dask": ("distributed", _distributed,
             'pip install "dask[distributed]"  (or: pip install "corridor-sim[dask]")'),
    "geojson": ("geojson", _geojson, "pip install geojson"),
    "jsonschema": ("jsonschema", _jsonschema, "pip install jsonschema"),
    "notebooks": ("nbclient", _nbclient, "pip install nbclient nbformat ipykernel"),
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
    library, importer, install = FEATURES[feature]
    try:
        return importer()
    except ImportError:
        raise MissingFeatureError(
            f"{what or feature} needs the optional library '{library}', which is not installed; "
            f"install it with: {install}") from None
