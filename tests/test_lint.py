"""The linter runs as part of the suite (so `python3 dev.py test` and CI both run it, and a
failure reads like any other): ruff, pinned in requirements.lock, configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys

from tools.paths import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"ruff check found problems (fix them; `python3 dev.py test tests/test_lint.py` re-checks; "
        f"`.venv/bin/ruff check --fix .` fixes import order and unused imports):\n{result.stdout}{result.stderr}"
    )
