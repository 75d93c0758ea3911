"""The import rules that hold at run time, each in a fresh interpreter:

* what dev.py imports before any venv exists is standard library only, and loads no torch. dev.py
  runs `new`, `serve`'s supervision, `test`'s Chromium check and every `--help` with whatever
  python3 the contributor has, before `.venv/` is built: every module of ours that dev.py imports
  (read from its source, so a new import is covered) is imported here with `python -I`, and every
  module that import loaded must be the standard library's (or this repository's own tools);
* what the build and the engine load at import loads neither pytest nor torch: every hook that
  mkdocs.yml lists and every module of the engine and the page examples model (the layers of
  tests/support/layers.py), imported in the venv's Python.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import mkdocs_config
from tools.paths import ROOT


def dev_imports() -> list[str]:
    """Every module of ours dev.py imports, at the top or inside a command (read with ast)."""
    tree = ast.parse((ROOT / "dev.py").read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tools":
            for alias in node.names:
                module = f"{node.module}.{alias.name}"
                is_module = (ROOT / Path(*module.split("."))).with_suffix(".py").exists()
                found.add(module if is_module else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "tools")
    return sorted(found)


PRE_VENV = ["dev", *dev_imports()]

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tools", "tests", "mkdocs.yml"])

PROBE = """
import json, sys
before = set(sys.modules)
__import__(sys.argv[1])
print(json.dumps(sorted(set(sys.modules) - before)))
"""


PROMISE = re.compile(r"standard library only|light at import|free of heavy imports", re.I)


def promised_light() -> list[str]:
    """The modules whose docstring promises to load only the standard library at import (the
    hook imports it, dev.py imports it, ...): the promise is then checked like dev.py's imports."""
    found = []
    for path in sorted((ROOT / "tools").rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text())) or ""
        if PROMISE.search(doc):
            found.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return found


@pytest.mark.parametrize("module", sorted({*PRE_VENV, *promised_light()}))
def test_pre_venv_modules_load_only_the_standard_library(module):
    # -I: no site-packages, no user site, no PYTHON* variables; the repository on the path by hand,
    # as dev.py has it (its own folder).
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{PROBE}", module],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert module in loaded
    foreign = [
        name
        for name in loaded
        if name.split(".")[0] not in sys.stdlib_module_names and name.split(".")[0] not in ("tools", "dev")
    ]
    assert foreign == [], f"{module} loads {foreign} (dev.py imports it before any venv exists)"
    assert not any(name.split(".")[0] == "torch" for name in loaded)


@pytest.mark.parametrize("command", ["serve", "test", "regen", "build", "bench", "new", "compat"])
def test_every_help_answers_without_building_the_venv(tmp_path, command):
    """`python3 dev.py COMMAND --help` in a copy with no .venv/: the help, and no .venv/ made."""
    shutil.copy(ROOT / "dev.py", tmp_path / "dev.py")
    shutil.copytree(ROOT / "tools", tmp_path / "tools", ignore=shutil.ignore_patterns("__pycache__", "theme", "figures"))
    result = subprocess.run(
        # -E -s: -I without its -P, so that dev.py finds its own tools/ (the copy), as `python3 dev.py`
        # does, and not a `tools` an editable install elsewhere maps (-P drops the script's folder).
        [sys.executable, "-E", "-s", "dev.py", command, "--help"], cwd=tmp_path, capture_output=True, text=True,
        timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python3 dev.py {command}")
    assert not (tmp_path / ".venv").exists()


def test_the_pre_venv_list_is_read_from_dev_py():
    assert {"tools.cli.commands", "tools.cli.compat", "tools.env", "tools.browser.chromium", "tools.fashion_mnist"} <= set(PRE_VENV)
    assert {"tools.pages.includes", "tools.pages.notebooks", "tools.pages.verified", "tools.site.rebuild_cache"} <= set(promised_light())


def hook_modules() -> list[str]:
    """The hook files mkdocs.yml lists, as module names."""
    return [p.removesuffix(".py").replace("/", ".") for p in mkdocs_config.hook_files()]


def light_modules() -> list[str]:
    """The engine and the page examples model (the layers of tests/support/layers.py)."""
    from tests.support.layers import layer_of, tools_modules

    return sorted(m for m in tools_modules(ROOT) if layer_of(m) in ("engine", "pages"))


LIGHT_PROBE = """
import json, sys
for name in sys.argv[1:]:
    __import__(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pytest", "_pytest", "torch"))))
"""


@pytest.mark.parametrize("module", [*hook_modules(), *light_modules()])
def test_the_build_and_the_engine_load_neither_pytest_nor_torch(module):
    """A hook runs in `mkdocs build` and `serve`; the engine and the page model in the runner's
    server, before it forks: pytest or torch loaded at import would cost every one of them."""
    result = subprocess.run(
        [sys.executable, "-c", LIGHT_PROBE, module], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], f"importing {module} loads {json.loads(result.stdout)[:5]}"


def test_the_probe_lists_every_hook_and_the_engine():
    hooks = hook_modules()
    assert "tools.site.hooks.palette" in hooks and "tools.site.hooks.offline" in hooks
    assert {"tools.engine.runner", "tools.engine.outputs", "tools.pages.sybil_notes"} <= set(light_modules())
