"""One helper builds the environment of the subprocesses our commands start: tools/env.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tools.env import child_env
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tools", "tests"])

SET_ONLY_IN_ENV_PY = ("NO_MKDOCS_2_WARNING", "PYTHONUTF8")


def test_child_env_adds_the_variables_and_extra_ones_win(monkeypatch):
    monkeypatch.setenv("PYTORCH_NOTES_PROBE", "kept")
    env = child_env(PYTHONUNBUFFERED="1", PYTHONUTF8="0")
    assert env["PYTORCH_NOTES_PROBE"] == "kept"
    assert env["NO_MKDOCS_2_WARNING"] == "1"
    assert env["PYTHONUNBUFFERED"] == "1"
    assert env["PYTHONUTF8"] == "0"


def test_no_other_file_sets_what_child_env_sets():
    sources = [ROOT / "dev.py", ROOT / "conftest.py", *(ROOT / "tools").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        if path not in (ROOT / "tools" / "env.py", ROOT / "tests" / "test_env.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if any(name in line for name in SET_ONLY_IN_ENV_PY)
    ]
    assert found == [], "build a subprocess's environment with tools.env.child_env(), not by hand:\n" + "\n".join(found)


def test_env_is_standard_library_only():
    """dev.py imports it before any venv exists."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(ROOT)!r}); import tools.env; "
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    # -I -S: no site-packages, no PYTHONPATH, no user site: only what the import itself pulls in.
    result = subprocess.run([sys.executable, "-I", "-S", "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert "tools" in loaded
    assert sorted(loaded - set(sys.stdlib_module_names) - {"tools", "__main__"}) == []
