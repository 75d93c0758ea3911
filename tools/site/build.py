"""Building the site, as the suite, the benchmark and the commands do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools.env import child_env
from tools.paths import ROOT

BUILD_TIMEOUT_S = 500  # below pytest's 600 s timeout, so a stuck build fails with its own message


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml", env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` (output captured); `env`: variables to add (tools/site/offline.py)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        env=child_env(**(env or {})),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
    )
