"""Greedy placement of point labels: each label takes the first free spot around its point."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

# (dx, dy) in points and horizontal / vertical alignment: NE, SE, NW, SW, N, S.
CANDIDATES: tuple[tuple[float, float, str, str], ...] = (
    (5, 4, "left", "bottom"), (5, -4, "left", "top"), (-5, 4, "right", "bottom"),
    (-5, -4, "right", "top"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
)
MARKER_HALF_PX = 6.0


def _overlaps(box: Bbox, taken: Sequence[Bbox]) -> bool:
    return any(box.overlaps(other) for other in taken)


def place_labels(ax: Axes, points: Sequence[tuple[float, float, str]],
                 fontsize: float = 7.5) -> list[Annotation]:
    """Annotate each ``(x, y, text)`` (data coordinates) where it overlaps nothing placed.

    Points are labelled in the order given (put the important ones first). A label
    whose every candidate spot overlaps keeps the first (north-east) spot.
    """
    fig = ax.figure
    assert isinstance(fig, Figure), "labels are placed on axes of a top-level Figure"
    fig.draw_without_rendering()  # settle the layout so data → pixel transforms are final
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    centres = [ax.transData.transform((x, y)) for x, y, _ in points]
    taken = [Bbox.from_bounds(cx - MARKER_HALF_PX, cy - MARKER_HALF_PX, 2 * MARKER_HALF_PX,
                              2 * MARKER_HALF_PX) for cx, cy in centres]
    placed = []
    for x, y, text in points:
        chosen = None
        for dx, dy, ha, va in CANDIDATES:
            label = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                ha=ha, va=va, fontsize=fontsize, zorder=4)
            box = label.get_window_extent(renderer)
            if not _overlaps(box, taken):
                chosen = label
                taken.append(box)
                break
            label.remove()
        if chosen is None:
            dx, dy, ha, va = CANDIDATES[0]
            chosen = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, fontsize=fontsize, zorder=4)
            taken.append(chosen.get_window_extent(renderer))
        placed.append(chosen)
    return placed
