#!/usr/bin/env python3
"""The one entry point for readers, contributors and CI.

    python3 dev.py serve     # live-reloading site on http://127.0.0.1:8000
    python3 dev.py test      # the whole verification (what CI runs)
    python3 dev.py regen     # rewrite every generated output after an intended change
    python3 dev.py build     # mkdocs build --strict into site/
    python3 dev.py bench     # speed and size table
    python3 dev.py compat 2.7.0   # snippets and pages under another torch: which outputs differ

Each command first makes sure `.venv/` exists and matches `requirements.lock`
(created when missing, reused when it matches, re-synced when the lock changes),
then re-runs itself inside it. Needs only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
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


def _lock_digest(lock_text: str) -> str:
    digest = hashlib.sha256(lock_text.encode())
    digest.update((ROOT / "pyproject.toml").read_bytes())
    return digest.hexdigest()


def ensure_env(env_dir: Path = VENV, lock_text: str | None = None) -> Path:
    """Create or re-sync `env_dir` so that it holds exactly what the lock pins; return its python.

    The lock is requirements.lock unless `lock_text` is given (`compat` passes a copy of it with
    another torch; that copy is kept in the venv as requirements.lock).
    """
    if sys.version_info < (3, 11):
        sys.exit(f"PyTorch Notes needs Python 3.11+, this is {sys.version.split()[0]}")
    python = env_dir / BIN.name / PYTHON.name
    if not python.exists():
        print(f"[dev] creating {env_dir.relative_to(ROOT)}/ with {sys.executable}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    lock = LOCK
    if lock_text is not None:
        lock = env_dir / "requirements.lock"
        lock.write_text(lock_text)
    want = _lock_digest(lock.read_text())
    stamp = env_dir / STAMP.name
    if stamp.exists() and stamp.read_text().strip() == want:
        return python
    print(f"[dev] installing the pinned toolchain from {lock.relative_to(ROOT)}", flush=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "-r", str(lock)], check=True)
    # The snippets are a package: installed (editable), never put on sys.path by hand.
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(ROOT)],
        check=True,
    )
    stamp.write_text(want + "\n")
    return python


def _run(*args: str) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1"}
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def cmd_serve(argv: list[str]) -> int:
    return _run("-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *argv)


def cmd_build(argv: list[str]) -> int:
    return _run("-m", "mkdocs", "build", "--strict", *argv)


def cmd_test(argv: list[str]) -> int:
    code = _run("-m", "pytest", *argv)
    if code == 5:  # pytest: no tests collected. An empty run is a failure here.
        print("[dev] pytest collected no tests: that is a failure, not a pass", file=sys.stderr)
        return 1
    return code


def cmd_regen(argv: list[str]) -> int:
    return _run("-m", "tools.regen", *argv)


def cmd_bench(argv: list[str]) -> int:
    return _run("-m", "tools.bench", *argv)


def cmd_compat(argv: list[str]) -> int:
    from tools import compat  # standard library only: runs before any venv exists

    return compat.main(argv, ROOT, ensure_env)


COMMANDS = {
    "serve": cmd_serve,
    "test": cmd_test,
    "regen": cmd_regen,
    "build": cmd_build,
    "bench": cmd_bench,
    "compat": cmd_compat,
}
NEEDS_NO_VENV = {"compat"}  # compat builds its own venv, with another torch


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if sys.argv[1] not in NEEDS_NO_VENV:
        ensure_env()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
