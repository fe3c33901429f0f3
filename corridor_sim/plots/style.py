"""Shared figure conventions: size, fonts, units of KPI names, saving PNG and SVG.

Figures are built with the object-oriented API (``matplotlib.figure.Figure`` on an
Agg canvas): no pyplot, no global backend switch, nothing kept alive by a figure
manager. They render in Jupyter (the inline formatter prints Figure objects) and
save to PNG or SVG.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

REPORT_SIZE_IN = (8.0, 5.0)
REPORT_DPI = 120
FONT_SIZE_PT = 9.0
RC_STYLE: dict[str, Any] = {
    "font.size": FONT_SIZE_PT, "axes.titlesize": FONT_SIZE_PT + 1, "axes.labelsize": FONT_SIZE_PT,
    "xtick.labelsize": FONT_SIZE_PT - 1, "ytick.labelsize": FONT_SIZE_PT - 1,
    "legend.fontsize": FONT_SIZE_PT - 1.5, "figure.titlesize": FONT_SIZE_PT + 2,
    "svg.fonttype": "none", "svg.hashsalt": "corridor-sim",
}
F = TypeVar("F", bound=Callable[..., Any])

_UNIT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("usd_per_teu", "USD/TEU"),
    ("usd_per_t", "USD/t"),
    ("_teu", "TEU"),
    ("_t", "t"),
    ("_days", "days"),
    ("_h", "h"),
    ("utilization", "fraction"),
    ("_util", "fraction"),
    ("load_factor", "fraction"),
    ("p_met", "probability"),
    ("trips", "trips"),
)
_PREFIXES = ("_mean", "_p50", "_p95", "_max", "_min")


def new_figure(nrows: int = 1, ncols: int = 1, size_in: tuple[float, float] = REPORT_SIZE_IN,
               sharex: bool = False) -> tuple[Figure, list[Axes]]:
    """A figure on an Agg canvas and its axes as a flat list (row-major).

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes.
    size_in : (float, float)
        Width and height in inches (8 × 5 in is legible at 100–150 dpi).
    sharex : bool
        Share the x axis between axes.
    """
    fig = Figure(figsize=size_in, dpi=REPORT_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharex=sharex)
    return fig, [ax for row in axes for ax in row]


def styled(func: F) -> F:
    """Build the figure under the house style (font sizes) without touching global rcParams."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        rc: Any = RC_STYLE
        with matplotlib.rc_context(rc):
            return func(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


def unit_of(metric: str) -> str:
    """The unit of a KPI or target metric from its name (``throughput_t`` → ``t``).

    Returns ``""`` when the name carries no unit.
    """
    name = metric
    for suffix in _PREFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.startswith("transit_days"):
        return "days"
    for suffix, unit in _UNIT_SUFFIXES:
        if name.endswith(suffix):
            return unit
    return ""


def scaled(unit: str, values_max: float) -> tuple[float, str]:
    """A divisor and display unit keeping tick labels short (t → kt or Mt, TEU → kTEU)."""
    big = abs(values_max)
    if unit == "t" and big >= 1e6:
        return 1e6, "Mt"
    if unit == "t" and big >= 1e4:
        return 1e3, "kt"
    if unit == "TEU" and big >= 1e4:
        return 1e3, "thousand TEU"
    if unit == "fraction":
        return 0.01, "%"
    return 1.0, unit


def save_figure(fig: Figure, stem: Path, formats: Sequence[str] = ("png", "svg"),
                dpi: int = REPORT_DPI) -> list[Path]:
    """Write ``fig`` as ``stem.<format>`` for each format; return the paths written."""
    paths = []
    for fmt in formats:
        path = stem.with_name(f"{stem.name}.{fmt}")
        fig.savefig(path, format=fmt, dpi=dpi)
        paths.append(path)
    return paths


def save_figures(figures: Mapping[str, Figure], directory: Path,
                 formats: Sequence[str] = ("png", "svg"), dpi: int = REPORT_DPI) -> list[Path]:
    """Write every figure of ``figures`` (name → Figure) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    return [p for name, fig in figures.items()
            for p in save_figure(fig, directory / name, formats, dpi)]
