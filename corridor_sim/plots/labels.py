"""Greedy placement of point labels: each label takes the first free spot around its point.

A spot is free when the label's box overlaps no marker (each point's own radius) and
no label placed before. Spots are tried close to the marker first (NE, SE, NW, SW,
E, W, N, S), then twice and three times as far, with a thin leader line.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

# direction (unit dx, dy) and horizontal / vertical alignment
DIRECTIONS: tuple[tuple[float, float, str, str], ...] = (
    (1, 1, "left", "bottom"), (1, -1, "left", "top"), (-1, 1, "right", "bottom"),
    (-1, -1, "right", "top"), (1, 0, "left", "center"), (-1, 0, "right", "center"),
    (0, 1, "center", "bottom"), (0, -1, "center", "top"),
)
DISTANCES = (1.0, 2.2, 3.4)  # multiples of (marker radius + gap)
GAP_PT = 3.0
MARKER_HALF_PX = 6.0  # markers of unknown size
CANDIDATES = tuple((dx * 5, dy * 5, ha, va) for dx, dy, ha, va in DIRECTIONS)  # first ring, in pt


def _overlaps(box: Bbox, taken: Sequence[Bbox]) -> bool:
    return any(box.overlaps(other) for other in taken)


def _annotate(ax: Axes, x: float, y: float, text: str, dx: float, dy: float, ha: str, va: str,
              fontsize: float, leader: bool) -> Annotation:
    arrow = {"arrowstyle": "-", "color": "0.35", "lw": 0.5, "shrinkA": 0, "shrinkB": 2} if leader else None
    return ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                       fontsize=fontsize, zorder=4, arrowprops=arrow,
                       bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})


def place_labels(ax: Axes, points: Sequence[tuple[float, float, str]], fontsize: float = 7.5,
                 radii_pt: Sequence[float] | None = None) -> list[Annotation]:
    """Annotate each ``(x, y, text)`` (data coordinates) where it overlaps nothing placed.

    Points are labelled in the order given (put the important ones first).
    ``radii_pt`` gives each marker's radius in points (default 6 px each). A label
    whose every spot overlaps keeps the first (north-east) one.
    """
    fig = ax.figure
    assert isinstance(fig, Figure), "labels are placed on axes of a top-level Figure"
    fig.draw_without_rendering()  # settle the layout so data → pixel transforms are final
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    px_per_pt = fig.dpi / 72.0
    radii = ([MARKER_HALF_PX / px_per_pt] * len(points) if radii_pt is None else list(radii_pt))
    centres = [ax.transData.transform((x, y)) for x, y, _ in points]
    taken = [Bbox.from_bounds(cx - r * px_per_pt, cy - r * px_per_pt, 2 * r * px_per_pt,
                              2 * r * px_per_pt) for (cx, cy), r in zip(centres, radii)]
    placed = []
    for (x, y, text), r in zip(points, radii):
        chosen = None
        for k, dist in enumerate(DISTANCES):
            step = (r + GAP_PT) * dist
            for ux, uy, ha, va in DIRECTIONS:
                scale = 0.75 if ux and uy else 1.0  # diagonals: about the same distance
                label = _annotate(ax, x, y, text, ux * step * scale, uy * step * scale, ha, va,
                                  fontsize, leader=k > 0)
                box = label.get_window_extent(renderer)
                if not _overlaps(box, taken):
                    chosen = label
                    break
                label.remove()
            if chosen is not None:
                break
        if chosen is None:
            step = r + GAP_PT
            chosen = _annotate(ax, x, y, text, step * 0.75, step * 0.75, "left", "bottom", fontsize,
                               leader=False)
        taken.append(chosen.get_window_extent(renderer))
        placed.append(chosen)
    return placed
