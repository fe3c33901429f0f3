"""The scenario library: the question each file answers and what it is compared with."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """One scenario of the library.

    Attributes
    ----------
    file : str
        Scenario file, relative to the repository root.
    question : str
        The planner's question it answers.
    base : str or None
        File it is compared with on common random numbers (``None``: not compared).
    base_overrides : tuple of str
        ``--set`` overrides applied to ``base`` (e.g. the same file with an investment off).
    base_label : str
        How the comparison reads in the page ("vs target_2025", "vs 9 ferries").
    """

    file: str
    question: str
    base: str | None = None
    base_overrides: tuple[str, ...] = field(default_factory=tuple)
    base_label: str = ""


LIBRARY: tuple[Entry, ...] = (
    Entry("scenarios/target_2025.yaml",
          "Can the corridor carry the 2025 plan, 5.2 Mt including 70,000 TEU?"),
    Entry("scenarios/caspian_winter.yaml",
          "What happens to the 2025 targets in a severe storm season (Kazakh ports shut "
          "two-thirds of Nov–Dec, 5-day stoppages)?",
          "scenarios/target_2025.yaml", base_label="vs target_2025"),
    Entry("scenarios/varna.yaml",
          "What if EU-bound containers leave the Black Sea through Varna?",
          "scenarios/target_2025.yaml", base_label="vs target_2025"),
    Entry("scenarios/burgas.yaml",
          "What if they go through Burgas?",
          "scenarios/target_2025.yaml", base_label="vs target_2025"),
    Entry("scenarios/sarzha.yaml",
          "With Sarzha built out and 0.8 Mt of grain added, what binds at Kuryk — berths or "
          "ferries?",
          "scenarios/sarzha.yaml", ("services.kuryk-alat-ferry.fleet.vehicles=12",),
          "vs the same with 12 ferries (no new ferries)"),
    Entry("scenarios/aktau_hub.yaml",
          "What does the Aktau hub's phase 2 (240k TEU/yr, mid-2026) change in 2026 with "
          "~100k TEU?"),
    Entry("scenarios/fleet_2027.yaml",
          "Do two 700-TEU ships and six new KMTF ships carry 2027's 143k TEU?",
          ),
    Entry("scenarios/growth_2030.yaml",
          "Can the corridor grow to ~10.5 Mt and 300k TEU by 2030 with the announced "
          "investments and fleets grown with demand?"),
)
