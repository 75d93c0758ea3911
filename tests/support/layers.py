"""tools/'s import graph and its layer table: which folder may import which (LAYERS, MAY_IMPORT),
read from the source with `ast`. The tests are tests/test_import_graph.py (the table holds, a
planted crossing or cycle is named) and tests/test_import_rules.py (what the engine and the page
model load at import).

The graph is read from the source: every `import tools.x` and `from tools... import`, at module
level or inside a function (an import inside a function is still a dependency, it is only paid
later), at any depth of the package.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tools.paths import ROOT


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


# --- the layers: when each part runs, and what it may import --------------------------------------

# Each layer holds modules named here: a module, or a package with everything under it.
LAYERS = {
    "ground": [
        "tools.paths", "tools.env", "tools.fashion_mnist", "tools.cpuinfo", "tools.compat_record",
        "tools.mkdocs_config", "tools.output_mark", "tools.node",
    ],
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
                problems.append(f"{where}:1: {name} is in no layer: add it to LAYERS in tests/support/layers.py")
            continue
        for line, dep in imports_of(name, path, modules):
            theirs = layer_of(dep, layers)
            if dep.startswith(HOOKS + ".") and name != dep:
                problems.append(f"{where}:{line}: imports {dep}: a hook file is loaded by MkDocs by path, never imported")
            elif theirs is not None and theirs != mine and theirs not in may_import[mine]:
                allowed = ", ".join(sorted(may_import[mine])) or "nothing of ours"
                problems.append(f"{where}:{line}: imports {dep} ({theirs}): {mine} may import {allowed}")
    return problems
