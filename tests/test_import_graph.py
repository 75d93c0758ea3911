"""tools/ is layered by when each part runs, with no import cycle, and tools/paths.py is the
ground floor.

The table (LAYERS, MAY_IMPORT) and the graph's reader are tests/support/layers.py. A cycle fails
naming each module on it; an import that crosses the table fails naming the file and line, the
import and the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.layers import find_cycle, import_graph, layer_violations
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tools", "tests"])


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


def test_no_test_module_imports_another():
    """What several tests share lives in tests/support/ (or a conftest), never in a test module:
    importing one runs its module-level code and its marks in another file's run."""
    tests = ROOT / "tests"
    found = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            if any(name.rpartition(".")[2].startswith("test_") for name in names if name.startswith("tests.")):
                found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert found == [], f"imports a test module (move what it shares to tests/support/): {found}"
