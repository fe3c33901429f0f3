"""Land and sea behind the network map, from a small shipped Natural Earth extract.

``corridor_sim/data/land_110m.geojson`` holds the Natural Earth 1:110m country polygons
(public domain) around the corridor, derived by ``tools/derive_land.py``; the seas —
the Caspian, the Black Sea — are what they leave uncovered. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

LAND_FILE = "land_110m.geojson"
SEA_COLOUR = "#dcebf5"
LAND_COLOUR = "#f4f1ea"
BORDER_COLOUR = "#b9b3a6"


@functools.lru_cache(maxsize=1)
def land_rings() -> tuple[np.ndarray, ...]:
    """Outer rings of the shipped country polygons, each an ``(n, 2)`` array of lon, lat (°)."""
    text = (resources.files("corridor_sim") / "data" / LAND_FILE).read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    rings: list[np.ndarray] = []
    for feature in doc["features"]:
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        rings += [np.asarray(poly[0], dtype=float) for poly in polygons]
    return tuple(rings)


def draw_land(ax: Axes) -> None:
    """Paint the sea as the axes background and the countries over it (below everything)."""
    ax.set_facecolor(SEA_COLOUR)
    ax.add_collection(PolyCollection(list(land_rings()), facecolor=LAND_COLOUR,
                                     edgecolor=BORDER_COLOUR, linewidth=0.5, zorder=0),
                      autolim=False)  # the frame follows the network, not the continents
