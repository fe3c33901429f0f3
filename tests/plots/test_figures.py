"""Every figure: a Figure with titles and unit-bearing axis labels, drawing the right data."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from corridor_sim.plots import (
    cumulative_curves,
    plot_cumulative_throughput,
    plot_network_map,
    plot_scenario_comparison,
    plot_transit_times,
    plot_utilization,
    standard_figures,
)
from corridor_sim.plots.network_map import UTIL_CMAP, link_offsets, short_label
from corridor_sim.plots.style import scaled, unit_of
from corridor_sim.plots.transit import _violins, delivered_transit_days
from corridor_sim.plots.utilization import rolling_utilization
from corridor_sim.results import Results
from corridor_sim.scenario.calendar import HOURS_PER_YEAR


def visible_axes(fig: Figure) -> list:
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]


def test_network_map_labels_and_links(small_results: Results) -> None:
    fig = plot_network_map(small_results)
    ax = visible_axes(fig)[0]
    assert ax.get_title().startswith("small: throughput of terminals and links")
    assert ax.get_xlabel() == "Longitude (°E)" and ax.get_ylabel() == "Latitude (°N)"
    assert any("(%)" in a.get_ylabel() for a in fig.axes)  # the utilization colour bar
    links = [ln for ln in ax.get_lines()]
    assert len(links) == len(small_results.scenario.services)
    svc = small_results.kpi_table("service")
    widest = max(links, key=lambda ln: ln.get_linewidth())
    top = str(svc["throughput_t"].idxmax())
    s = small_results.scenario.services[top]
    a, b = small_results.scenario.nodes[s.from_], small_results.scenario.nodes[s.to]
    assert widest.get_xdata()[0] == pytest.approx(a.lon, abs=0.3)
    assert widest.get_ydata()[1] == pytest.approx(b.lat, abs=0.3)
    from matplotlib import colormaps
    expected = colormaps[UTIL_CMAP](float(svc.loc[top, "fleet_utilization"]))
    assert to_rgba(widest.get_color()) == pytest.approx(expected)
    texts = {t.get_text() for t in ax.texts}
    assert {"Aktau", "East", "Hub", "West"} <= texts


def test_short_labels_and_parallel_offsets(small_results: Results) -> None:
    s = small_results.scenario
    assert short_label(s, "port") == "Aktau"
    assert short_label(s, "west") == "West"
    doc_offsets = link_offsets(s)
    assert set(doc_offsets.values()) == {0.0}  # no parallel services
    twin = s.model_copy(deep=True)
    twin.services["port-hub-2"] = twin.services["port-hub"].model_copy()
    offsets = link_offsets(twin)
    assert offsets["port-hub"] == -offsets["port-hub-2"] != 0.0


def test_cumulative_curves_end_on_the_target_values(small_results: Results) -> None:
    curves = cumulative_curves(small_results)
    assert list(dict.fromkeys(curves["target"])) == ["sea_t_2025", "sea_teu"]  # transit left out
    targets = small_results.targets.set_index("target")
    year = curves[curves["target"] == "sea_t_2025"]
    assert year["cumulative"].iloc[-1] == pytest.approx(targets.loc["sea_t_2025", "value"])
    assert year["pace"].iloc[-1] == pytest.approx(100000)
    assert year["date"].iloc[0] == pd.Timestamp("2025-01-02")  # end of 1 January
    window = curves[curves["target"] == "sea_teu"]
    t0, t1 = small_results.meta["window_h"]
    annual = window["cumulative"].iloc[-1] * HOURS_PER_YEAR / (t1 - t0)
    assert annual == pytest.approx(targets.loc["sea_teu", "value"])
    assert window["pace"].iloc[-1] == pytest.approx(9000 * (t1 - t0) / HOURS_PER_YEAR)
    for _, c in curves.groupby("target"):
        assert (np.diff(c["cumulative"].to_numpy()) >= 0).all()
        assert (np.diff(c["pace"].to_numpy()) > 0).all()


def test_cumulative_figure_one_run(small_results: Results) -> None:
    fig = plot_cumulative_throughput(small_results)
    axes = visible_axes(fig)
    assert len(axes) == 2
    assert axes[0].get_title() == "target sea_t_2025\nsea (group), throughput (t)"
    assert axes[0].get_ylabel() == "Cumulative throughput (kt)"
    assert axes[1].get_ylabel() == "Cumulative throughput (TEU)"
    assert all(ax.get_xlabel() == "Date" for ax in axes)
    assert fig.get_suptitle() == "small: cumulative throughput against the targets"


def test_cumulative_band_over_replications(small_replications: list[Results]) -> None:
    fig = plot_cumulative_throughput(small_replications)
    ax = visible_axes(fig)[1]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["mean of 3 replications", "range of replications"]
    mean_line = ax.get_lines()[0].get_ydata()
    curves = [cumulative_curves(r).query("target == 'sea_teu'")["cumulative"].to_numpy()
              for r in small_replications]
    assert mean_line[-1] == pytest.approx(np.mean([c[-1] for c in curves]))
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(min(c[0] for c in curves))
    assert band.max() == pytest.approx(max(c[-1] for c in curves))


def test_cumulative_without_targets_shows_groups(small_results: Results) -> None:
    bare = Results(**{**small_results.__dict__,
                      "scenario": small_results.scenario.model_copy(update={"targets": {}})})
    curves = cumulative_curves(bare)
    assert sorted(set(curves["target"])) == ["group:land", "group:sea"]
    assert curves["pace"].isna().all()
    sea = curves[curves["target"] == "group:sea"]["cumulative"].iloc[-1]
    assert sea == pytest.approx(small_results.kpi("group", "sea", "throughput_t"))
    assert visible_axes(plot_cumulative_throughput(curves))[0].get_title() == "land (group), throughput (t)"


def test_utilization_rolls_seven_days(small_results: Results) -> None:
    fig = plot_utilization(small_results)
    axes = visible_axes(fig)
    assert [ax.get_ylabel() for ax in axes] == ["Utilization (%)"] * 3
    assert axes[-1].get_xlabel() == "Date"
    assert [ax.get_title().split(":")[0] for ax in axes] == ["Berths and tracks", "Yards", "Fleets"]
    nd = small_results.nodes_daily
    port = nd[nd["node"] == "port"].sort_values("day")["berth_util"].to_numpy()
    expected = 100 * pd.Series(port).rolling(7, min_periods=1).mean().to_numpy()
    line = next(ln for ln in axes[0].get_lines() if ln.get_label() == "port")
    np.testing.assert_allclose(line.get_ydata(), expected)


def test_rolling_utilization_is_a_trailing_mean() -> None:
    dates = pd.date_range("2025-01-01", periods=10, freq="D")
    daily = pd.DataFrame({"date": dates, "node": "x", "u": [0.0] * 5 + [0.7] * 5})
    wide = rolling_utilization(daily, "node", "u", window_days=7)
    np.testing.assert_allclose(wide["x"].to_numpy(),
                               [0, 0, 0, 0, 0, 0.7 / 6, 1.4 / 7, 2.1 / 7, 2.8 / 7, 3.5 / 7])


def test_transit_violins_mark_mean_and_p95(small_results: Results) -> None:
    fig = plot_transit_times(small_results)
    ax = visible_axes(fig)[0]
    assert ax.get_xlabel() == "Transit time, creation to delivery (days)"
    assert ax.get_ylabel() == "Flow" and "transit time per flow" in ax.get_title()
    days = delivered_transit_days(small_results)
    means = ax.collections[-2].get_offsets()[:, 0]
    np.testing.assert_allclose(means, [np.mean(days["boxes"]), np.mean(days["grain"])])
    flows = small_results.kpi_table("flow")
    assert means[0] == pytest.approx(flows.loc["boxes", "transit_days_mean"])


def test_transit_histogram_and_constant_values(small_results: Results) -> None:
    ax = visible_axes(plot_transit_times(small_results, kind="hist"))[0]
    assert ax.get_ylabel() == "Lots delivered (count)"
    counts = sum(p.get_path().vertices.shape[0] > 0 for p in ax.patches)
    assert counts == 2
    with pytest.raises(ValueError, match="violin"):
        plot_transit_times(small_results, kind="box")  # type: ignore[arg-type]
    fig = Figure()
    _violins(fig.add_subplot(), {"fixed": np.full(5, 3.0), "spread": np.array([1.0, 2.0, 4.0])})


def comparison_table() -> pd.DataFrame:
    return pd.DataFrame({
        "scenario": ["base", "varna", "base", "varna"],
        "metric": ["throughput_t", "throughput_t", "cost_usd_per_teu", "cost_usd_per_teu"],
        "mean": [4.5e6, 5.2e6, 3400.0, 3300.0],
        "ci_low": [4.3e6, 5.0e6, 3300.0, np.nan],
        "ci_high": [4.7e6, 5.4e6, 3500.0, np.nan],
    })


def test_scenario_comparison_bars_and_intervals() -> None:
    fig = plot_scenario_comparison(comparison_table())
    t_ax, cost_ax = visible_axes(fig)
    assert t_ax.get_title() == "throughput (t)" and t_ax.get_xlabel() == "throughput (Mt)"
    assert cost_ax.get_xlabel() == "cost per TEU (USD/TEU)"  # human names, not machine keys
    assert t_ax.get_ylabel() == "Scenario"
    assert [t.get_text() for t in t_ax.get_yticklabels()] == ["base", "varna"]
    assert [p.get_width() for p in t_ax.patches] == pytest.approx([4.5, 5.2])
    assert [p.get_y() + p.get_height() / 2 for p in t_ax.patches] == [0, 1]
    segments = t_ax.collections[0].get_segments()
    assert segments[0][:, 0] == pytest.approx([4.3, 4.7])
    assert cost_ax.collections[0].get_segments()[1][:, 0] == pytest.approx([3300, 3300])
    assert t_ax.patches[0].get_facecolor() == cost_ax.patches[0].get_facecolor()
    assert t_ax.patches[0].get_facecolor() != t_ax.patches[1].get_facecolor()


def test_scenario_comparison_rejects_bad_tables() -> None:
    with pytest.raises(ValueError, match="ci_high"):
        plot_scenario_comparison(comparison_table().drop(columns="ci_high"))
    with pytest.raises(ValueError, match="several rows"):
        plot_scenario_comparison(pd.concat([comparison_table()] * 2))
    fig = plot_scenario_comparison(comparison_table().assign(unit="custom"))
    assert visible_axes(fig)[0].get_xlabel() == "throughput (custom)"


@pytest.mark.parametrize(("metric", "unit"), [
    ("throughput_t", "t"), ("throughput_teu", "TEU"), ("created_teu", "TEU"),
    ("transit_days_p95", "days"), ("cost_usd_per_teu", "USD/TEU"), ("cost_usd_per_t", "USD/t"),
    ("fleet_utilization", "fraction"), ("yard_teu_util_max", "fraction"), ("wait_h_mean", "h"),
    ("closed_days", "days"), ("p_met", "probability"), ("mystery", ""),
])
def test_unit_of_metric_names(metric: str, unit: str) -> None:
    assert unit_of(metric) == unit


def test_scaled_units() -> None:
    assert scaled("t", 4.2e6) == (1e6, "Mt")
    assert scaled("t", 5e4) == (1e3, "kt")
    assert scaled("t", 500) == (1.0, "t")
    assert scaled("TEU", 7e4) == (1e3, "thousand TEU")
    assert scaled("fraction", 0.8) == (0.01, "%")


def test_standard_figures_have_titles_and_units(small_results: Results) -> None:
    figures = standard_figures(small_results)
    assert list(figures) == ["network_map", "cumulative_throughput", "utilization", "transit_times"]
    for name, fig in figures.items():
        w, h = fig.get_size_inches()
        assert w == 8.0 and h >= 5.0, name
        for ax in visible_axes(fig):
            assert ax.get_title(), name
            assert "(" in ax.get_ylabel() or ax.get_ylabel() == "Flow", name


def test_importing_corridor_sim_loads_no_plotting() -> None:
    code = ("import sys, corridor_sim, corridor_sim.cli.app; "
            "assert 'matplotlib' not in sys.modules; "
            "import corridor_sim.plots; assert 'matplotlib.pyplot' not in sys.modules; "
            "import matplotlib; assert matplotlib.get_backend() is not None")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_comparison_interval_touching_the_mean_draws() -> None:
    table = pd.DataFrame({"scenario": ["a", "b"], "metric": ["p_met", "p_met"], "mean": [1.0, 0.0],
                          "ci_low": [0.4385, 0.0], "ci_high": [1.0 - 1e-12, 0.5]})
    ax = visible_axes(plot_scenario_comparison(table))[0]
    assert ax.collections[0].get_segments()[0][:, 0] == pytest.approx([0.4385, 1.0])


def test_place_labels_keeps_close_labels_apart() -> None:
    from corridor_sim.plots.labels import place_labels
    from corridor_sim.plots.style import new_figure

    fig, (ax,) = new_figure()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    points = [(5.0, 5.0, "Poti"), (5.1, 4.8, "Batumi"), (5.3, 5.1, "Tbilisi")]
    labels = place_labels(ax, points)
    renderer = fig.canvas.get_renderer()
    boxes = [label.get_window_extent(renderer) for label in labels]
    assert [label.get_text() for label in labels] == ["Poti", "Batumi", "Tbilisi"]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert len(ax.texts) == 3  # rejected candidates are removed
