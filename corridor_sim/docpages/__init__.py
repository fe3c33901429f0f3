"""Generated documentation pages: every page that quotes model results is made here.

``python -m corridor_sim.docpages scenarios --write docs/scenarios.md`` replicates the
scenario library and writes its page with a stamp (:mod:`corridor_sim.stamp`), so a
fast test can tell when the code or a scenario changed and the page was not remade.
"""

from corridor_sim.docpages.library import LIBRARY, Entry
from corridor_sim.docpages.scenarios_page import LibraryRun, render_library, run_library

__all__ = ["LIBRARY", "Entry", "LibraryRun", "render_library", "run_library"]
