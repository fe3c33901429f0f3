"""The network with its capacities and a run's results as GeoJSON (RFC 7946).

A FeatureCollection of one Point per terminal and one LineString per service,
coordinates ``[longitude, latitude]`` in WGS 84, that QGIS or kepler.gl open as is.
Properties carry units in their names; unknown or undefined values are ``null``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from corridor_sim.plots.capacity_view import capacity_elements, capacity_report, element_capacity
from corridor_sim.results import Results

NODE_METRICS = ("throughput_t", "throughput_teu", "berth_utilization", "yard_teu_util_mean",
                "yard_teu_util_max", "yard_t_util_mean", "stay_h_mean", "closed_days")
SERVICE_METRICS = ("throughput_t", "throughput_teu", "trips", "load_factor_mean",
                   "fleet_utilization", "wait_h_mean", "closed_days")
COORD_DIGITS = 6


def _plain(v: Any) -> Any:
    """A JSON-safe value: finite floats, None for NaN or infinity."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return v
    x = float(v)
    return x if math.isfinite(x) else None


def _kpis(results: Results, scope: str, name: str, metrics: tuple[str, ...]) -> dict[str, Any]:
    wide = results.kpi_table(scope)
    if name not in wide.index:
        return dict.fromkeys(metrics)
    row = wide.loc[name]
    return {m: _plain(row[m]) if m in row.index else None for m in metrics}


def _point(lon: float, lat: float) -> list[float]:
    return [round(float(lon), COORD_DIGITS), round(float(lat), COORD_DIGITS)]


def node_features(results: Results, elements: Any = None) -> list[dict[str, Any]]:
    """One Point Feature per node: kind, berths, yards, throughput and utilization."""
    features = []
    for key, node in results.scenario.nodes.items():
        static = element_capacity(elements, "node", key)
        props: dict[str, Any] = {
            "id": key, "name": node.name, "feature": "node", "kind": node.kind,
            "country": node.country, "berths": node.berths,
            "yard_teu": _plain(node.yard_teu), "yard_t": _plain(node.yard_t),
            "design_capacity_t_per_year": _plain(node.capacity_t_per_year),
            "design_capacity_teu_per_year": _plain(node.capacity_teu_per_year),
            **{k: _plain(v) for k, v in static.items()},
            **_kpis(results, "node", key, NODE_METRICS),
        }
        features.append({"type": "Feature", "id": key,
                         "geometry": {"type": "Point", "coordinates": _point(node.lon, node.lat)},
                         "properties": props})
    return features


def service_features(results: Results, elements: Any = None) -> list[dict[str, Any]]:
    """One LineString Feature per service, from its origin to its destination terminal."""
    s = results.scenario
    features = []
    for key, svc in s.services.items():
        a, b = s.nodes[svc.from_], s.nodes[svc.to]
        static = element_capacity(elements, "service", key)
        props: dict[str, Any] = {
            "id": key, "name": svc.name, "feature": "service", "mode": svc.mode,
            "from": svc.from_, "to": svc.to, "groups": list(svc.groups),
            "cargo": list(svc.cargo), "enabled": svc.enabled, "distance_km": svc.distance_km,
            "vehicles": svc.fleet.vehicles, "vehicle_teu": _plain(svc.fleet.vehicle_teu),
            "vehicle_t": _plain(svc.fleet.vehicle_t),
            **{k: _plain(v) for k, v in static.items()},
            **_kpis(results, "service", key, SERVICE_METRICS),
        }
        geometry = {"type": "LineString",
                    "coordinates": [_point(a.lon, a.lat), _point(b.lon, b.lat)]}
        features.append({"type": "Feature", "id": key, "geometry": geometry, "properties": props})
    return features


def network_geojson(results: Results, with_capacity: bool = True) -> dict[str, Any]:
    """The network and the run's KPIs as a GeoJSON FeatureCollection (a plain dict).

    Parameters
    ----------
    results : Results
        One run: throughputs are totals over the measurement window (t, TEU),
        utilizations fractions (0–1), distances km.
    with_capacity : bool
        Add ``capacity_t_per_year``, ``capacity_teu_per_year`` (static annual capacity;
        for a terminal the tightest of berths, yard and design capacity) and
        ``capacity_utilization`` (share of it the scenario's demand uses) from
        ``corridor_sim.capacity`` where that package is available (else null).

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...], "corridor_sim": {...}}``;
        the last member (allowed by RFC 7946) records the run's provenance.
    """
    report = capacity_report(results.scenario) if with_capacity else None
    elements = capacity_elements(report)
    meta = {k: results.meta.get(k) for k in ("scenario", "scenario_hash", "seed", "version",
                                             "start", "window_h")}
    return {"type": "FeatureCollection",
            "features": [*node_features(results, elements), *service_features(results, elements)],
            "corridor_sim": json.loads(json.dumps(meta, default=str))}


def write_geojson(results: Results, path: Path, with_capacity: bool = True) -> Path:
    """Write :func:`network_geojson` to ``path`` (UTF-8, strict JSON: no NaN)."""
    path = Path(path)
    text = json.dumps(network_geojson(results, with_capacity), indent=1, allow_nan=False,
                      ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
