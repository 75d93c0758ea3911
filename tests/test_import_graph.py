"""tools/ has no import cycle, and tools/paths.py is the ground floor.

The graph is read from the source with `ast`: every `import tools.x` and `from tools... import`,
at module level or inside a function (an import inside a function is still a dependency, it is
only paid later). A cycle fails naming each module on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tools", "tests"])


def tools_modules(root: Path) -> dict[str, Path]:
    """tools.<name> -> its file, packages by their __init__.py."""
    modules = {}
    for path in sorted((root / "tools").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Which tools.* module imports which (each edge names a module, never a function in one)."""
    modules = tools_modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from .y import z
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:  # `from tools import paths` imports the module tools.paths
                    deps.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[name] = {d for d in deps if d in modules and d not in (name, "tools")}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once fully explored
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                return [*path[path.index(dep):], dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_tools_has_no_import_cycle():
    graph = import_graph()
    assert {"tools.paths", "tools.generated", "tools.plots"} <= graph.keys()  # the walk found the modules
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in tools/: " + " -> ".join(cycle or [])


def test_paths_is_a_leaf():
    """tools/paths.py imports nothing of ours, so that anything can import it."""
    assert import_graph()["tools.paths"] == set()


def test_a_planted_cycle_is_found_and_named(tmp_path):
    (tmp_path / "tools" / "figures").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "paths.py": "ROOT = None\n",
        "plots.py": "from tools.paths import ROOT\n",
        "figures/__init__.py": "",
        "figures/one.py": "from tools.plots import ROOT\n",
        # the loop is inside a function and spelled relative: both still count
        "paths2.py": "def f():\n    from .figures import one\n",
        "generated.py": "import tools.figures.one\n",
    }
    for name, text in files.items():
        (tmp_path / "tools" / name).write_text(text)
    assert find_cycle(import_graph(tmp_path)) is None
    (tmp_path / "tools" / "paths.py").write_text("def generated():\n    from . import paths2\n")
    (tmp_path / "tools" / "paths2.py").write_text("def f():\n    from .figures import one\n")
    graph = import_graph(tmp_path)
    assert graph["tools.generated"] == {"tools.figures.one"}
    assert find_cycle(graph) == [
        "tools.figures.one", "tools.plots", "tools.paths", "tools.paths2", "tools.figures.one",
    ]
