"""Human names for KPIs, scopes, months and amounts in headlines, tables and figures (not machine keys)."""

from __future__ import annotations

import math

METRICS = {
    "throughput_t": "throughput (t)", "throughput_teu": "throughput (TEU)",
    "leg_sum_t": "leg sum (t)", "leg_sum_teu": "leg sum (TEU)",
    "created_t": "created (t)", "created_teu": "created (TEU)", "trips": "trips",
    "transit_days_mean": "transit time, mean (days)", "transit_days_p50": "transit time, median (days)",
    "transit_days_p95": "transit time, 95th percentile (days)",
    "cost_usd_per_t": "cost per t (USD)", "cost_usd_per_teu": "cost per TEU (USD)",
    "berth_utilization": "berth utilization", "fleet_utilization": "fleet utilization",
    "yard_teu_util_mean": "yard utilization, TEU, mean", "yard_teu_util_max": "yard utilization, TEU, peak",
    "yard_t_util_mean": "yard utilization, t, mean", "load_factor_mean": "load factor, mean",
    "wait_h_mean": "wait, mean (h)", "stay_h_mean": "stay at the terminal, mean (h)",
    "closed_days": "closed (days)", "emissions_t_co2e": "emissions (t CO2e)",
    "emissions_g_per_tkm": "emissions (g CO2e per t-km)", "transport_tkm": "transport (t-km)",
}
UNIT_SUFFIXES = (("_usd_per_teu", " per TEU (USD)"), ("_usd_per_t", " per t (USD)"), ("_teu", " (TEU)"),
                 ("_days", " (days)"), ("_usd", " (USD)"), ("_h", " (h)"), ("_t", " (t)"))
NAMES = {"trans_caspian": "trans-Caspian", "btk": "Baku–Tbilisi–Kars", "eu_rail": "EU rail",
         "china_rail": "China rail", "kazakh_rail": "Kazakh rail", "caucasus_rail": "Caucasus rail",
         "turkish_rail": "Turkish rail", "black_sea": "Black Sea", "pipeline": "pipeline"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def metric_label(metric: str) -> str:
    """``cost_usd_per_teu`` → ``cost per TEU (USD)``; unknown keys lose their underscores."""
    if metric in METRICS:
        return METRICS[metric]
    for suffix, words in UNIT_SUFFIXES:
        if metric.endswith(suffix):
            return metric[: -len(suffix)].replace("_", " ") + words
    return metric.replace("_", " ")


def name_label(name: str) -> str:
    """``trans_caspian`` → ``trans-Caspian``; other names as written (service and node ids)."""
    return NAMES.get(name, name.replace("_", " ") if "_" in name else name)


def kpi_label(scope: str, name: str, metric: str) -> str:
    """``group trans_caspian throughput_t`` → ``trans-Caspian (group): throughput (t)``."""
    if scope == "total":
        return f"total: {metric_label(metric)}"
    if scope == "target":
        return f"target {name}: {metric_label(metric)}"
    return f"{name_label(name)} ({scope}): {metric_label(metric)}"


def amount(value: float, unit: str) -> str:
    """A value in its unit: Mt with 3 decimals, TEU as an integer, days with 1 decimal,
    shares as per cent, anything else with 4 significant digits and its unit; NaN is ``–``."""
    if math.isnan(value):
        return "–"
    if unit == "t":
        return f"{value / 1e6:.3f} Mt"
    if unit == "TEU":
        return f"{value:,.0f} TEU"
    if unit == "days":
        return f"{value:.1f} d"
    if unit == "share":
        return f"{value:.1%}"
    return f"{value:,.4g} {unit}".strip()
