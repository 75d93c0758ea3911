#!/usr/bin/env python3
"""The one entry point for readers, contributors and CI.

    python3 dev.py serve     # live-reloading site on http://127.0.0.1:8000
    python3 dev.py test      # the whole verification (what CI runs)
    python3 dev.py regen     # rewrite every generated output after an intended change
    python3 dev.py build     # mkdocs build --strict into site/
    python3 dev.py bench     # speed and size table (--browser: Lighthouse on every page)

Each command first makes sure `.venv/` exists and matches `requirements.lock`
(created when missing, reused when it matches, re-synced when the lock changes),
then re-runs itself inside it. Needs only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / "pytorch-notes.lock.sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _lock_digest() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create or re-sync .venv so that it holds exactly what requirements.lock pins."""
    if sys.version_info < (3, 11):
        sys.exit(f"PyTorch Notes needs Python 3.11+, this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"[dev] creating {VENV.relative_to(ROOT)}/ with {sys.executable}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    want = _lock_digest()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        return
    print("[dev] installing the pinned toolchain from requirements.lock", flush=True)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "-r", str(LOCK)], check=True)
    # The snippets are a package: installed (editable), never put on sys.path by hand.
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
        check=True,
    )
    STAMP.write_text(want + "\n")



def _run(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def cmd_serve(argv: list[str]) -> int:
    return _run("-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *argv)


def cmd_build(argv: list[str]) -> int:
    return _run("-m", "mkdocs", "build", "--strict", *argv)


def ensure_browser() -> int:
    """In CI, make sure Chromium is there for tests/browser (installed with apt-get when it can be)."""
    from tools.browser import INSTALL_HINT, find_chromium, in_ci

    if find_chromium() or not in_ci():
        return 0  # found, or a contributor's machine: the browser tests skip, visibly, saying what to install
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    sudo = [] if root else ["sudo", "-n"]
    if shutil.which("apt-get") and (root or shutil.which("sudo")):
        print("[dev] CI: installing Chromium for the browser tests (apt-get install chromium)", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False)
    if find_chromium():
        return 0
    print(f"[dev] CI=true and {INSTALL_HINT}", file=sys.stderr)
    return 1


def cmd_test(argv: list[str]) -> int:
    if ensure_browser():
        return 1
    code = _run("-m", "pytest", *argv)
    if code == 5:  # pytest: no tests collected. An empty run is a failure here.
        print("[dev] pytest collected no tests: that is a failure, not a pass", file=sys.stderr)
        return 1
    return code


def cmd_regen(argv: list[str]) -> int:
    return _run("-m", "tools.regen", *argv)


def cmd_bench(argv: list[str]) -> int:
    return _run("-m", "tools.bench", *argv)


COMMANDS = {
    "serve": cmd_serve,
    "test": cmd_test,
    "regen": cmd_regen,
    "build": cmd_build,
    "bench": cmd_bench,
}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ensure_env()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
