#!/usr/bin/env python3
"""The one entry point for readers, contributors and CI.

    python3 dev.py serve     # live-reloading site on http://127.0.0.1:8000
    python3 dev.py test      # the whole verification (what CI runs)
    python3 dev.py test --page docs/CHAPTER/PAGE.md   # one page's whole check, in seconds
    python3 dev.py regen     # rewrite every generated output after an intended change
    python3 dev.py build     # mkdocs build --strict into site/
    python3 dev.py build --offline   # a copy read from file:// into site-offline/, zipped into build/
    python3 dev.py bench     # speed and size table (--browser: Lighthouse on every page)
    python3 dev.py new CHAPTER/PAGE   # scaffold a page, its snippet, nav entry and index row
    python3 dev.py compat 2.7.0   # snippets and pages under another torch: which outputs differ

Each command but `new` first makes sure `.venv/` holds exactly what `requirements.lock` pins
(created when missing, reused when it matches, re-synced when the lock changes, rebuilt for
another Python; hash-checked, nothing else installed, `pip check`), then runs the command's
tool with the .venv's Python. `python3 dev.py COMMAND --help` answers at once, without the venv
(tools/cli/commands.py). Needs only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

from tools.env import child_env  # standard library only, like this file: no venv needed

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / "pytorch-notes.lock.sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _interpreter() -> str:
    """The Python that builds .venv: a different version (or platform) means a new .venv."""
    return f"{sys.implementation.name}-{platform.python_version()}-{sysconfig.get_platform()}"


def _stamp(lock: Path) -> str:
    digest = hashlib.sha256()
    for path in (lock, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return json.dumps({"python": _interpreter(), "lock": digest.hexdigest()})


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _split_lock(lock: Path) -> tuple[str, list[str], set[str]]:
    """The lock as (hash-checked requirements text, the unhashed pins, every pinned name).

    Every pin but torch and torchvision carries the sha256 of each file it may install
    (tools/maint/lock_hashes.py). Their files differ per platform and per index (PyPI's CUDA build on
    Linux x86_64, the CPU build from PyTorch's CPU index, macOS and Windows wheels), so they are
    pinned by version only and installed together, from one index (a torchvision built against
    another torch build fails to load its compiled ops).
    """
    hashed, unhashed, names = [], [], set()
    for entry in lock.read_text().replace("\\\n", " ").splitlines():
        entry = entry.strip()
        if not entry or entry.startswith("#"):
            continue
        names.add(_norm(re.split(r"[=<>!~ ;]", entry, maxsplit=1)[0]))
        (hashed if "--hash=" in entry else unhashed).append(entry)
    return "\n".join(hashed) + "\n", unhashed, names


_INSPECT = """
import importlib.metadata as md, json, re, sys
from packaging.requirements import Requirement
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
dists = {norm(d.metadata["Name"]): d for d in md.distributions()}
keep, seen, todo = set(), set(), [("torch", ()), ("torchvision", ())]
while todo:  # their own runtime dependencies (on Linux x86_64 from PyPI: the CUDA wheels torch pins,
    name, extras = todo.pop()  # some through extras: torch 2.14 needs cuda-toolkit[cublas,cudart,...])
    if (name, extras) in seen or name not in dists:
        continue
    seen.add((name, extras))
    keep.add(name)
    for line in dists[name].requires or []:
        req = Requirement(line)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in ("", *extras)):
            todo.append((norm(req.name), tuple(sorted(req.extras))))
import torch
build = f"CUDA {torch.version.cuda}" if torch.version.cuda else "ROCm" if torch.version.hip else "CPU"
print(json.dumps({"installed": sorted(dists), "torch": sorted(keep), "version": torch.__version__, "build": build}))
"""


def ensure_env(env_dir: Path = VENV, lock_text: str | None = None) -> Path:
    """Create or re-sync `env_dir` so that it holds exactly what the lock pins, nothing else; return
    its python.

    The lock is requirements.lock unless `lock_text` is given (`compat` passes a copy of it with
    another torch; that copy is kept in the venv as requirements.lock).
    """
    if sys.version_info < (3, 11):
        sys.exit(f"PyTorch Notes needs Python 3.11+, this is {sys.version.split()[0]}")
    python = env_dir / BIN.name / PYTHON.name
    stamp = env_dir / STAMP.name
    lock = LOCK
    if lock_text is not None:
        env_dir.mkdir(parents=True, exist_ok=True)
        lock = env_dir / "requirements.lock"
        lock.write_text(lock_text)
    want = _stamp(lock)
    have = stamp.read_text().strip() if stamp.exists() else ""
    if have == want and python.exists():
        return python
    try:
        made_with = json.loads(have).get("python") if have else None
    except (ValueError, AttributeError):  # a stamp from an older dev.py: rebuild from scratch
        made_with = None
    fresh = not python.exists() or made_with != _interpreter()
    if fresh:
        print(f"[dev] creating {env_dir.relative_to(ROOT)}/ with {sys.executable} ({_interpreter()})", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        if lock_text is not None:  # `clear=True` emptied the folder
            lock.write_text(lock_text)
    where = f"{env_dir.relative_to(ROOT)}/ with {lock.relative_to(ROOT)}"
    print(f"[dev] syncing {where} (exact pins, hash-checked)", flush=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    hashed, unhashed, pinned = _split_lock(lock)
    with tempfile.TemporaryDirectory() as tmp:
        hashed_file = Path(tmp) / "hashed.txt"
        hashed_file.write_text(hashed)
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text(re.sub(r"[ \t]*--hash=\S+", "", hashed) + "\n".join(unhashed) + "\n")
        # 1. Everything but torch: exactly the locked files, no resolver (a forgotten pin fails `pip check`).
        installed = subprocess.run([*pip, "install", "--quiet", "--no-deps", "--require-hashes", "-r", str(hashed_file)])
        if installed.returncode != 0:
            sys.exit(
                "[dev] pip could not install the lock (above). If it says a file's hash is not in the lock, "
                "your platform or Python is one tools/maint/lock_hashes.py does not cover yet: add it to PLATFORMS "
                "or PYTHONS there and run `python3 -m tools.maint.lock_hashes`."
            )
        # 2. torch and torchvision, from whichever index the environment names
        #    (PIP_INDEX_URL / PIP_EXTRA_INDEX_URL);
        #    its dependencies are held to the lock; only the build's own pinned extras (the CUDA
        #    wheels of PyPI's Linux build) can be added.
        subprocess.run([*pip, "install", "--quiet", "-c", str(constraints), *unhashed], check=True)
    # 3. The snippets are a package: installed (editable), never put on sys.path by hand.
    subprocess.run([*pip, "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(ROOT)], check=True)
    # 4. Like pip-sync: remove what the lock does not pin (a pin removed from the lock goes too).
    state = json.loads(subprocess.run([str(python), "-c", _INSPECT], check=True, capture_output=True, text=True).stdout)
    allowed = pinned | set(state["torch"]) | {"pip", "pytorch-notes"}
    extra = sorted(set(state["installed"]) - allowed)
    if extra:
        print(f"[dev] removing what the lock does not pin: {' '.join(extra)}", flush=True)
        subprocess.run([*pip, "uninstall", "--quiet", "--yes", *extra], check=True)
    subprocess.run([*pip, "check"], check=True, stdout=subprocess.DEVNULL)
    print(f"[dev] torch {state['version']} ({state['build']} build)", flush=True)
    stamp.write_text(want + "\n")
    return python


def _run(*args: str) -> int:
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=child_env()).returncode


def cmd_serve(argv: list[str]) -> int:
    from tools.cli import serve  # standard library only

    return serve.main(argv, ROOT, PYTHON)


def cmd_build(argv: list[str]) -> int:
    if "--offline" in argv:  # the copy read from file://, and its zip (tools/site/offline.py)
        return _run("-m", "tools.site.offline", *[arg for arg in argv if arg != "--offline"])
    return _run("-m", "mkdocs", "build", "--strict", *argv)


def ensure_browser() -> int:
    """In CI, make sure Chromium is there for tests/browser (installed with apt-get when it can be)."""
    from tools.browser.chromium import INSTALL_HINT, find_chromium, in_ci

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
    return _run("-m", "tools.cli.regen", *argv)


def cmd_bench(argv: list[str]) -> int:
    return _run("-m", "tools.bench.main", *argv)


def cmd_new(argv: list[str]) -> int:
    from tools.cli import scaffold  # standard library only: scaffolding needs nothing installed

    return scaffold.main(argv, ROOT)


def cmd_compat(argv: list[str]) -> int:
    from tools.cli import compat  # standard library only: runs before any venv exists

    return compat.main(argv, ROOT, ensure_env)


COMMANDS = {
    "serve": cmd_serve,
    "test": cmd_test,
    "regen": cmd_regen,
    "build": cmd_build,
    "bench": cmd_bench,
    "new": cmd_new,
    "compat": cmd_compat,
}
NEEDS_NO_VENV = {"new", "compat"}  # scaffolding needs nothing installed; compat builds its own venv
# Commands that run code reading Fashion-MNIST (`root="data"`): the files are placed and checked
# first (tools/fashion_mnist.py), never downloaded by the tests.
NEEDS_DATA = {"serve", "test", "regen", "build", "bench"}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if sys.argv[1:] in (["-h"], ["--help"]) else 2
    command, argv = sys.argv[1], sys.argv[2:]
    from tools.cli import commands  # standard library only: every --help answers before any venv exists

    if commands.wants_help(argv):
        commands.PARSERS[command]().print_help()
        return 0
    if command not in NEEDS_NO_VENV:
        ensure_env()
    if command in NEEDS_DATA:
        from tools import fashion_mnist  # standard library only

        try:
            fashion_mnist.ensure(PYTHON)
        except fashion_mnist.DataError as error:
            print(f"[dev] {error}", file=sys.stderr)
            return 1
    return COMMANDS[command](argv)


if __name__ == "__main__":
    sys.exit(main())
