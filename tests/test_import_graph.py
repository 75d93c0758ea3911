"""tools/ is layered by when each part runs, with no import cycle, and tools/paths.py is the
ground floor.

The graph is read from the source with `ast`: every `import tools.x` and `from tools... import`,
at module level or inside a function (an import inside a function is still a dependency, it is
only paid later), at any depth of the package. A cycle fails naming each module on it; an import
that crosses the layer table (LAYERS, MAY_IMPORT) fails naming the file and line, the import and
the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tools", "tests"])


def tools_modules(root: Path) -> dict[str, Path]:
    """tools.<name> -> its file, packages by their __init__.py."""
    modules = {}
    for path in sorted((root / "tools").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[int, str]]:
    """(line, tools.* module) for every import of ours in `path` (module `name`), at any depth."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from .y import z
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # `from tools import paths` imports the module tools.paths
                found.append((node.lineno, f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base))
    return sorted((line, d) for line, d in found if d in modules and d not in (name, "tools"))


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Which tools.* module imports which (each edge names a module, never a function in one)."""
    modules = tools_modules(root)
    return {name: {d for _, d in imports_of(name, path, modules)} for name, path in modules.items()}


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
    assert {"tools.paths", "tools.generated.registry", "tools.generated.plots"} <= graph.keys()  # the walk found the modules
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in tools/: " + " -> ".join(cycle or [])


def test_paths_is_a_leaf():
    """tools/paths.py imports nothing of ours, so that anything can import it."""
    assert import_graph()["tools.paths"] == set()


def _plant(root: Path, files: dict[str, str]) -> None:
    """A made-up tools/ tree under `root`: file name (relative to tools/) -> its text."""
    for name, text in files.items():
        path = root / "tools" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_planted_cycle_is_found_and_named(tmp_path):
    # Made-up module names: the test stays true whatever tools/ holds.
    files = {
        "__init__.py": "",
        "leaf.py": "ROOT = None\n",
        "mid.py": "from tools.leaf import ROOT\n",
        "pkg/__init__.py": "",
        "pkg/one.py": "from tools.mid import ROOT\n",
        # the loop is inside a function and spelled relative: both still count
        "leaf2.py": "def f():\n    from .pkg import one\n",
        "top.py": "import tools.pkg.one\n",
    }
    _plant(tmp_path, files)
    assert find_cycle(import_graph(tmp_path)) is None
    (tmp_path / "tools" / "leaf.py").write_text("def top():\n    from . import leaf2\n")
    graph = import_graph(tmp_path)
    assert graph["tools.top"] == {"tools.pkg.one"}
    assert find_cycle(graph) == ["tools.leaf", "tools.leaf2", "tools.pkg.one", "tools.mid", "tools.leaf"]


# --- the layers: when each part runs, and what it may import --------------------------------------

# Each layer holds modules named here: a module, or a package with everything under it.
LAYERS = {
    "ground": ["tools.paths", "tools.env", "tools.fashion_mnist", "tools.cpuinfo", "tools.compat_record", "tools.mkdocs_config", "tools.output_mark", "tools.node"],
    "cli": ["tools.cli"],
    "engine": ["tools.engine"],
    "generated": ["tools.generated"],
    "pages": ["tools.pages"],
    "site": ["tools.site"],
    "suite": ["tools.suite"],
    "browser": ["tools.browser"],
    "bench": ["tools.bench"],
    "maint": ["tools.maint"],
}
# What each layer's modules may import of ours (a layer may always import itself). What runs
# before the venv exists is standard library only (tests/test_import_rules.py); what the build and
# the engine load at import loads neither pytest nor torch (the probe below).
MAY_IMPORT = {
    "ground": set(),  # the leaves everyone stands on
    "cli": {"ground", "engine", "generated"},  # the commands' drivers (regen renders)
    "engine": {"ground"},  # render, compare, run: knows no page and no drawing (the runner calls by name)
    "generated": {"ground", "engine"},
    "pages": {"ground", "engine"},  # the page examples model: Sybil's parsers, includes, checks
    "site": {"ground", "pages"},  # the build: hooks and what they use
    "suite": {"ground", "cli", "engine", "generated", "pages", "site", "browser"},  # the pytest plugins
    "browser": {"ground", "site"},
    "bench": {"ground", "cli", "engine", "generated", "pages", "site", "browser"},
    "maint": {"ground"},
}
HOOKS = "tools.site.hooks"  # MkDocs loads each hook file by path: no module imports one (it would load twice)


def layer_of(module: str, layers: dict[str, list[str]] = LAYERS) -> str | None:
    for layer, names in layers.items():
        if any(module == name or module.startswith(name + ".") for name in names):
            return layer
    return None


def layer_violations(root: Path = ROOT, layers=LAYERS, may_import=MAY_IMPORT) -> list[str]:
    """Each import that crosses the table: 'file:line: imports module: rule'."""
    modules = tools_modules(root)
    problems = []
    for name, path in modules.items():
        mine = layer_of(name, layers)
        where = path.relative_to(root).as_posix()
        if mine is None:
            if name not in ("tools", HOOKS):
                problems.append(f"{where}:1: {name} is in no layer: add it to LAYERS in tests/test_import_graph.py")
            continue
        for line, dep in imports_of(name, path, modules):
            theirs = layer_of(dep, layers)
            if dep.startswith(HOOKS + ".") and name != dep:
                problems.append(f"{where}:{line}: imports {dep}: a hook file is loaded by MkDocs by path, never imported")
            elif theirs is not None and theirs != mine and theirs not in may_import[mine]:
                allowed = ", ".join(sorted(may_import[mine])) or "nothing of ours"
                problems.append(f"{where}:{line}: imports {dep} ({theirs}): {mine} may import {allowed}")
    return problems


def test_every_import_follows_the_layer_table():
    assert layer_violations() == []


def test_a_crossing_import_fails_naming_the_file_the_import_and_the_rule(tmp_path):
    files = {
        "__init__.py": "",
        "paths.py": "",
        "engine/__init__.py": "",
        "engine/runner.py": "def child():\n    if True:\n        from tools.pages import examples\n",
        "pages.py": "from tools import paths\nfrom tools.engine import runner\n",
    }
    _plant(tmp_path, files)
    layers = {"ground": ["tools.paths"], "engine": ["tools.engine"], "pages": ["tools.pages"]}
    rules = {"ground": set(), "engine": {"ground"}, "pages": {"ground", "engine"}}
    problems = layer_violations(tmp_path, layers, rules)
    assert problems == ["tools/engine/runner.py:3: imports tools.pages (pages): engine may import ground"]
