"""Scenarios that make one part of the corridor a textbook queue (plain dicts).

Conventions: one lot is one TEU; a flow of ``lam_per_h`` lots per hour has
``annual_teu = lam_per_h * 8766`` (the engine's year of 365.25 days), flat
seasonality and Poisson arrivals of single lots. A terminal that serves a lot in
``service_h`` hours on average gets ``container_teu_per_h = 1 / service_h``; its
``handling_factor`` is ``{exponential: 1}`` for exponential service, and the
default ``fixed: 1`` for deterministic service. Services that must never limit
get many one-lot vehicles that leave as soon as one lot waits.
"""

from __future__ import annotations

from typing import Any

HOURS_PER_YEAR = 8766.0
LOT_TEU = 1.0
EXPONENTIAL = {"exponential": 1.0}
DETERMINISTIC = {"fixed": 1.0}

Doc = dict[str, Any]


def _run(horizon_days: float, warmup_days: float) -> Doc:
    return {"start": "2025-01-01", "horizon_days": horizon_days, "warmup_days": warmup_days}


def zone(lon: float) -> Doc:
    """A demand zone: no berth time, no handling."""
    return {"kind": "zone", "lat": 40.0, "lon": lon}


def terminal(lon: float, service_h: float, berths: int, factor: Doc) -> Doc:
    """A seaport whose berths each handle one lot in ``service_h`` h times a ``factor`` draw."""
    return {"kind": "seaport", "lat": 40.0, "lon": lon, "berths": berths,
            "handling": {"container_teu_per_h": LOT_TEU / service_h}, "handling_factor": factor}


def service(frm: str, to: str, vehicles: int, transit_h: Any, return_h: Any = None) -> Doc:
    """A line of one-lot vehicles that leave as soon as one lot waits."""
    doc: Doc = {"mode": "feeder", "from": frm, "to": to, "distance_km": 100,
                "transit_h": transit_h, "fleet": {"vehicles": vehicles, "capacity_teu": LOT_TEU},
                "departure": {"fill": 1.0, "max_wait_h": 1.0}}
    if return_h is not None:
        doc["return_h"] = return_h
    return doc


def flow(origin: str, destination: str, lam_per_h: float) -> Doc:
    """Poisson arrivals of single one-TEU lots at ``lam_per_h`` lots per hour."""
    return {"origin": origin, "destination": destination, "cargo": "container",
            "annual_teu": lam_per_h * HOURS_PER_YEAR * LOT_TEU, "lot_teu": LOT_TEU,
            "batch_lots": 1, "arrival": "poisson"}


def terminal_queue(lam_per_h: float, service_h: float, berths: int, factor: Doc,
                   horizon_days: float, warmup_days: float, vehicles: int = 60) -> Doc:
    """Zone ``a`` → terminal ``b`` (the flow's destination): b's berths are an M/M/c or M/D/1.

    The a→b line has ``vehicles`` one-lot vehicles, 1 h out and 1 h back, so
    lots leave a at their arrival and reach b as a Poisson stream.
    """
    return {
        "name": "terminal-queue",
        "run": _run(horizon_days, warmup_days),
        "nodes": {"a": zone(50.0), "b": terminal(51.0, service_h, berths, factor)},
        "services": {"ab": service("a", "b", vehicles, 1.0)},
        "flows": {"f": flow("a", "b", lam_per_h)},
    }


def terminal_tandem(lam_per_h: float, load_h: float, unload_h: float, horizon_days: float,
                    warmup_days: float, vehicles: int = 60) -> Doc:
    """Terminal ``a`` (loading, one berth) → terminal ``b`` (unloading, one berth): M/M/1 → M/M/1.

    Station 1 is a's berth: a lot waits for it and leaves when loaded
    (``depart_h``), so station 1's departures are loading completions. Station 2
    is b's berth. Both handle with exponential times; the line between them has
    a fixed 2 h transit and enough vehicles never to hold a lot.
    """
    return {
        "name": "terminal-tandem",
        "run": _run(horizon_days, warmup_days),
        "nodes": {"a": terminal(50.0, load_h, 1, EXPONENTIAL),
                  "b": terminal(51.0, unload_h, 1, EXPONENTIAL)},
        "services": {"ab": service("a", "b", vehicles, 2.0, 1.0)},
        "flows": {"f": flow("a", "b", lam_per_h)},
    }


def fleet_queue(lam_per_h: float, trip_h: float, vehicles: int, horizon_days: float,
                warmup_days: float) -> Doc:
    """Zone ``a`` → zone ``b`` by ``vehicles`` one-lot vehicles: the fleet is an M/M/c.

    A vehicle is busy for an exponential transit of mean ``trip_h`` and returns
    at once (``return_h: 0``); zones take no handling time. Lots wait in the
    service's cargo queue at a: ``wait_h`` of the legs is the M/M/c wait.
    """
    return {
        "name": "fleet-queue",
        "run": _run(horizon_days, warmup_days),
        "nodes": {"a": zone(50.0), "b": zone(51.0)},
        "services": {"ab": service("a", "b", vehicles, {"exponential": trip_h}, 0.0)},
        "flows": {"f": flow("a", "b", lam_per_h)},
    }
