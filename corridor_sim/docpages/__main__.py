"""``python -m corridor_sim.docpages PAGE [...]``: regenerate a documentation page.

Pages: ``scenarios`` (docs/scenarios.md: the library replicated), ``sources``
(docs/sources.md: the reference list). Run from the repository root. Without
``--write`` the page is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m corridor_sim.docpages", description=__doc__)
    p.add_argument("page", choices=["scenarios", "sources"])
    p.add_argument("-n", "--replications", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("-w", "--workers", type=int, default=1)
    p.add_argument("--root", type=Path, default=Path("."), help="repository root")
    p.add_argument("--write", type=Path, default=None, help="write the page here")
    return p


def main(argv: list[str] | None = None) -> int:
    """Build the page and print or write it; exit status 0 on success, 2 on bad use."""
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    if args.page == "sources":
        from corridor_sim.sources import load_sources, render_markdown

        text = render_markdown(load_sources())
    else:
        if not (root / "scenarios").is_dir():
            print(f"error: {root} has no scenarios/ folder; run from the repository root "
                  "or pass --root", file=sys.stderr)
            return 2
        from corridor_sim.cli.progress import replication_bar
        from corridor_sim.docpages.scenarios_page import render_library, run_library

        with replication_bar() as bar:
            run = run_library(root, args.replications, args.seed, args.workers, progress=bar)
        command = (f"python -m corridor_sim.docpages scenarios -n {args.replications} "
                   f"--seed {args.seed} --write docs/scenarios.md")
        text = render_library(run, command)
    if args.write is None:
        sys.stdout.write(text)
    else:
        from corridor_sim.io.atomic import atomic_write_text

        atomic_write_text(args.write, text)
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
