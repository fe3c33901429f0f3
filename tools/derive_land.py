"""Derive corridor_sim/data/land_110m.geojson: Natural Earth 1:110m countries around the corridor.

Source: Natural Earth "Admin 0 – Countries" at 1:110m (public domain), as shipped in the
PyPI wheel geopandas==0.14.4 (geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp;
the dataset was removed from geopandas 1.0). Read with pyshp (pure Python). Neither package
is a dependency of corridor-sim: run this once to regenerate the file, e.g.

    pip download geopandas==0.14.4 pyshp --no-deps -d /tmp/ne && cd /tmp/ne && \
      unzip -q geopandas-0.14.4-py3-none-any.whl 'geopandas/datasets/naturalearth_lowres/*' && \
      unzip -q pyshp-*.whl && PYTHONPATH=. python tools/derive_land.py \
      geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp corridor_sim/data/land_110m.geojson

The seas (Caspian, Black, Mediterranean) are the gaps between the country polygons.
Countries whose bounding box meets the map's frame are kept whole; coordinates are
rounded to 0.01° (about 1 km, far below the 1:110m generalisation).
"""

from __future__ import annotations

import json
import sys

import shapefile  # pyshp

FRAME = (5.0, 25.0, 100.0, 60.0)  # lon_min, lat_min, lon_max, lat_max


def main(shp: str, out: str) -> None:
    reader = shapefile.Reader(shp)
    fields = [f[0] for f in reader.fields[1:]]
    features = []
    for rec, shape in zip(reader.records(), reader.shapes()):
        x0, y0, x1, y1 = shape.bbox
        if x1 < FRAME[0] or x0 > FRAME[2] or y1 < FRAME[1] or y0 > FRAME[3]:
            continue
        props = dict(zip(fields, rec))
        geo = shape.__geo_interface__
        features.append({"type": "Feature", "properties": {"name": props["name"]},
                         "geometry": {"type": geo["type"],
                                      "coordinates": _round(geo["coordinates"])}})
    features.sort(key=lambda f: f["properties"]["name"])
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4 "
                     "naturalearth_lowres; derived by tools/derive_land.py",
           "features": features}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")


def _round(c: object) -> object:
    if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
        return [round(float(v), 2) for v in c]
    return [_round(v) for v in c]  # type: ignore[union-attr]


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
