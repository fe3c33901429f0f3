"""The layout's rules, checked: what the engine loads, what the CLI imports, the API's names."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import corridor_sim

PACKAGE = Path(corridor_sim.__file__).parent
FORBIDDEN_IN_ENGINE = ("pandas", "yaml", "matplotlib", "typer", "rich", "networkx")


def _loaded_after(statement: str) -> set[str]:
    """Top-level modules loaded by ``statement`` in a fresh interpreter."""
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent)
    return {m.split(".")[0] for m in json.loads(out.stdout)}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, relative imports resolved to absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            out.append((node.lineno, node.module or ""))
    return out


def test_importing_the_engine_loads_no_io_table_plot_or_cli_library() -> None:
    loaded = _loaded_after("import corridor_sim.engine")
    assert not loaded & set(FORBIDDEN_IN_ENGINE), sorted(loaded & set(FORBIDDEN_IN_ENGINE))
    assert "corridor_sim" in loaded  # the statement did import the package


def test_the_rule_sees_a_forbidden_library() -> None:
    # the check above can fail: importing the loader brings yaml in
    assert "yaml" in _loaded_after("import corridor_sim.scenario.loader")


def test_cli_imports_only_the_public_api_and_itself() -> None:
    bad = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        for line, module in _imports(path):
            inside = module == "corridor_sim" or module.startswith("corridor_sim.")
            if inside and module != "corridor_sim" and not module.startswith("corridor_sim.cli"):
                bad.append(f"{path.name}:{line}: {module}")
    assert bad == []


def test_terminal_rendering_lives_in_the_cli_only() -> None:
    # computation packages report through callbacks; rich bars and tables are the CLI's
    bad = [f"{p.relative_to(PACKAGE)}:{line}" for p in sorted(PACKAGE.rglob("*.py"))
           if p.parent.name != "cli" for line, module in _imports(p) if module.split(".")[0] == "rich"]
    assert bad == []


def _dynamic_imports(path: Path) -> list[int]:
    """Lines that import a module by name at run time (``import_module``, ``__import__``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.lineno for n in ast.walk(tree)
            if (isinstance(n, ast.Attribute) and n.attr == "import_module")
            or (isinstance(n, ast.Name) and n.id in ("import_module", "__import__"))]


def test_no_hidden_imports_outside_the_lazy_package_namespaces() -> None:
    # the two lazy namespaces state every name they resolve (and its type) statically
    allowed = {PACKAGE / "__init__.py", PACKAGE / "scenario" / "__init__.py"}
    hidden = [f"{p.relative_to(PACKAGE)}:{line}" for p in sorted(PACKAGE.rglob("*.py"))
              if p not in allowed for line in _dynamic_imports(p)]
    assert hidden == []


def test_every_public_name_resolves_and_is_typed() -> None:
    lazy = corridor_sim._LAZY
    assert set(corridor_sim.__all__) == {*lazy, "__version__"}
    for name in lazy:
        assert getattr(corridor_sim, name) is not None, name
    # the TYPE_CHECKING block names each public name once, as an explicit re-export
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If)
                 and getattr(n.test, "id", "") == "TYPE_CHECKING")
    typed = [a.asname for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names]
    assert sorted(typed) == sorted(lazy)
    for n in block.body:
        assert isinstance(n, ast.ImportFrom)
        for a in n.names:  # the typed import is the object the name resolves to
            assert getattr(sys.modules[n.module or ""], a.name) is getattr(corridor_sim, a.asname or ""), \
                a.asname


def test_former_names_are_the_new_verbs() -> None:
    assert corridor_sim.load_scenario is corridor_sim.load
    assert corridor_sim.run_sweep is corridor_sim.sweep
    assert corridor_sim.compare_scenarios is corridor_sim.compare
