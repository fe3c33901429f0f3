"""The extension points: each registry agrees with the schema, and a worked example of
adding to it (the recipes of CONTRIBUTING.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator
from typing import Any, get_args

import pytest
import simpy

from corridor_sim import simulate
from corridor_sim.engine.disruptions import DISRUPTIONS
from corridor_sim.engine.model import Model
from corridor_sim.plots.capacity_view import simulated_bottleneck
from corridor_sim.registry import Registry, UnknownNameError
from corridor_sim.scenario import scenario_from_dict
from corridor_sim.scenario.cargo import CARGO, CargoClass
from corridor_sim.scenario.schema import Handling
from corridor_sim.scenario.terminal_kinds import TERMINAL_KINDS, NodeKind

LOTS_PER_YEAR = 876.6  # one lot every 10 h (8766 h a year)


def _first_trip(doc: dict[str, Any]) -> dict[str, Any]:
    trips = simulate(scenario_from_dict(doc), seed=0).trips
    return dict(trips.iloc[0])


# -- the registry they share ------------------------------------------------------------


def test_a_registry_keeps_order_refuses_a_second_entry_and_names_the_known_ones() -> None:
    reg: Registry[int] = Registry("widget", {"b": 2, "a": 1})
    assert reg.register("c", 3) == 3 and reg.names() == ("b", "a", "c") and reg["a"] == 1
    with pytest.raises(ValueError, match="widget 'a' is already registered"):
        reg.register("a", 9)
    assert reg["a"] == 1
    with pytest.raises(UnknownNameError) as unknown:
        reg["z"]
    assert str(unknown.value) == "unknown widget 'z' (known: b, a, c)"
    assert isinstance(unknown.value, KeyError) and reg.get("z") is None  # still a mapping


def test_each_extension_point_is_a_registry() -> None:
    from corridor_sim.engine.departures import POLICIES

    assert all(isinstance(r, Registry) for r in (CARGO, TERMINAL_KINDS, POLICIES, DISRUPTIONS))
    with pytest.raises(UnknownNameError, match=r"unknown cargo class 'ore' \(known: container, dry_bulk"):
        CARGO["ore"]
    with pytest.raises(UnknownNameError, match=r"unknown disruption kind 'war' \(known: weather, closures\)"):
        DISRUPTIONS["war"]


# -- cargo classes -------------------------------------------------------------------


def test_cargo_registry_agrees_with_the_schema() -> None:
    assert get_args(CargoClass) == tuple(CARGO)
    assert set(Handling.model_fields) == {k.handling_rate for k in CARGO.values()}


@pytest.mark.parametrize("name", list(CARGO))
def test_each_cargo_class_is_handled_at_its_own_rate_in_its_measure(
        tiny: dict[str, Any], name: str) -> None:
    # Worked example: a flow of the class, a terminal with a rate for it only. The first
    # sailing (24 h) takes the lots of 10 and 20 h and unloads them at the class's rate in
    # the class's measure: 2 lots x 2 TEU at 20 TEU/h, or 2 lots x 68 t at 340 t/h = 0.4 h.
    kind = CARGO[name]
    rate = 20.0 if kind.by_teu else 340.0
    tiny["nodes"]["b"]["handling"] = {kind.handling_rate: rate}
    tiny["services"]["ab"]["fleet"] = {"vehicles": 1, "capacity_teu": 100, "capacity_t": 10_000}
    flow = tiny["flows"]["f"]
    flow["cargo"] = name
    if not kind.by_teu:
        del flow["annual_teu"]
        flow.update({"annual_t": LOTS_PER_YEAR * 68.0, "lot_t": 68.0})
    trip = _first_trip(tiny)
    assert trip["depart_h"] == pytest.approx(24.0)
    assert trip["unloaded_h"] - trip["arrive_h"] == pytest.approx((4.0 if kind.by_teu else 136.0) / rate)


# -- terminal kinds --------------------------------------------------------------------


def test_terminal_kind_registry_agrees_with_the_schema() -> None:
    assert get_args(NodeKind) == tuple(TERMINAL_KINDS)


def test_a_kind_that_is_no_terminal_leaves_the_berth_bottleneck(
        tiny: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Worked example: the registry, not a test of the name, says which nodes are terminals.
    results = simulate(scenario_from_dict(tiny), seed=0)
    found = simulated_bottleneck(results)
    assert found is not None and (found.kind, found.name) in {("node", "b"), ("service", "ab")}
    berths = results.kpi("node", "b", "berth_utilization")
    fleet = results.kpi("service", "ab", "fleet_utilization")
    assert berths > 0.0
    monkeypatch.setitem(TERMINAL_KINDS, "seaport",
                        dataclasses.replace(TERMINAL_KINDS["seaport"], is_terminal=False))
    found = simulated_bottleneck(results)
    assert found is not None and found.name == "ab" and found.utilization == pytest.approx(fleet)


# -- disruptions -------------------------------------------------------------------------


def test_disruptions_start_in_registry_order() -> None:
    assert list(DISRUPTIONS) == ["weather", "closures"]


def _strike(m: Model) -> Generator[simpy.Event, object, None]:
    gate = m.services[m.service_index["ab"]].gate
    yield m.env.timeout(24.0)
    gate.close()
    yield m.env.timeout(24.0)
    gate.open()


def start_strikes(m: Model) -> None:
    """A new disruption kind: a strike closes service ab for [24 h, 48 h)."""
    m.env.process(_strike(m))


def test_a_new_disruption_is_one_function_and_one_registry_line(
        tiny: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # Worked example: the strike holds the sailings of 24 h as the dated closure of the
    # same days does: the first sailing leaves at 48 h with the lots of 10-40 h (8 TEU).
    dated = dict(tiny, services={"ab": {**tiny["services"]["ab"],
                                        "closures": [{"start": "2025-01-02", "end": "2025-01-03"}]}})
    expected = _first_trip(dated)
    assert (expected["depart_h"], expected["teu"]) == (48.0, 8.0)
    monkeypatch.setitem(DISRUPTIONS, "strike", start_strikes)
    struck = _first_trip(tiny)
    assert (struck["depart_h"], struck["teu"]) == (48.0, 8.0)
    monkeypatch.delitem(DISRUPTIONS, "strike")
    assert _first_trip(tiny)["depart_h"] == 24.0  # without it, the 24 h slot sails


# -- departure policies (terminals' registry, engine/departures) ----------------------------


def test_a_new_departure_policy_is_one_class_and_one_registry_line(
        tiny: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from corridor_sim.engine import departures

    class AsSoonAsCargo:
        """Leave as soon as one lot waits (checked every hour)."""

        def __init__(self, cfg: object, s: Any) -> None:
            self.s = s

        def wait(self) -> Generator[simpy.Event, object, None]:
            while self.s.queue.lots == 0:
                yield self.s.env.timeout(1.0)

    # Worked example: under the headway policy the first sailing waits for the 24 h slot;
    # with the new policy in the registry the vehicle leaves at 10 h with the first lot.
    assert _first_trip(tiny)["depart_h"] == 24.0
    monkeypatch.setitem(departures.POLICIES, "headway", AsSoonAsCargo)
    trip = _first_trip(tiny)
    assert (trip["depart_h"], trip["teu"]) == (10.0, 2.0)
