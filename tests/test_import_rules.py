"""What dev.py imports before any venv exists is standard library only, and loads no torch.

dev.py runs `new`, `serve`'s supervision and every `--help` with whatever python3 the contributor
has, before `.venv/` is built: each module it imports is imported here in a fresh interpreter, and
every module that import loaded must be the standard library's (or this repository's own tools).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tools.paths import ROOT

PRE_VENV = ["dev", "tools.commands", "tools.scaffold", "tools.serve", "tools.compat", "tools.fashion_mnist"]

PROBE = """
import json, sys
before = set(sys.modules)
__import__(sys.argv[1])
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("module", PRE_VENV)
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
        [sys.executable, "-I", "dev.py", command, "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python3 dev.py {command}")
    assert not (tmp_path / ".venv").exists()
