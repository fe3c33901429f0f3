"""The shipped land extract: seas where seas are, land where land is; labels clear of markers."""

from __future__ import annotations

import pytest
from matplotlib.collections import PolyCollection
from matplotlib.path import Path as MplPath

from corridor_sim.plots.basemap import SEA_COLOUR, draw_land, land_rings
from corridor_sim.plots.labels import place_labels
from corridor_sim.plots.style import new_figure


def on_land(lon: float, lat: float) -> bool:
    return any(MplPath(ring).contains_point((lon, lat)) for ring in land_rings())


@pytest.mark.parametrize(("lon", "lat", "land"), [
    (51.0, 42.0, False),   # middle Caspian, between Baku and Aktau
    (50.5, 39.0, False),   # south Caspian
    (34.0, 43.0, False),   # Black Sea
    (30.5, 43.5, False),   # Black Sea off Varna
    (70.0, 48.0, True),    # Kazakh steppe
    (44.8, 41.7, True),    # Tbilisi
    (27.9, 43.2, True),    # Varna (on the coast, just inland)
    (35.0, 39.0, True),    # Anatolia
])
def test_seas_and_land(lon: float, lat: float, land: bool) -> None:
    assert on_land(lon, lat) is land


def test_drawn_below_everything_and_small() -> None:
    fig, (ax,) = new_figure()
    draw_land(ax)
    coll = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(coll) == 1 and len(coll[0].get_paths()) == len(land_rings()) >= 60
    assert coll[0].get_zorder() == 0
    assert ax.get_facecolor()[:3] == pytest.approx(tuple(int(SEA_COLOUR[i:i + 2], 16) / 255
                                                         for i in (1, 3, 5)))


def test_labels_clear_big_markers_and_each_other() -> None:
    fig, (ax,) = new_figure()
    ax.set_xlim(40, 46)
    ax.set_ylim(39, 44)
    points = [(41.6, 42.1, "Poti"), (41.6, 41.65, "Batumi"), (44.8, 41.7, "Tbilisi"), (43.0, 40.6, "Kars")]
    radii = [9.0, 3.0, 8.0, 3.0]
    labels = place_labels(ax, points, radii_pt=radii)
    renderer = fig.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    px = fig.dpi / 72.0
    from matplotlib.transforms import Bbox
    markers = []
    for (x, y, _), r in zip(points, radii):
        cx, cy = ax.transData.transform((x, y))
        markers.append(Bbox.from_bounds(cx - r * px, cy - r * px, 2 * r * px, 2 * r * px))
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert not any(b.overlaps(m) for b in boxes for m in markers)
