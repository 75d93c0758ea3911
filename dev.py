#!/usr/bin/env python3
"""The one entry point for readers, contributors and CI.

    python3 dev.py serve     # live-reloading site on http://127.0.0.1:8000
    python3 dev.py test      # the whole verification (what CI runs)
    python3 dev.py regen     # rewrite every generated output after an intended change
    python3 dev.py build     # mkdocs build --strict into site/
    python3 dev.py bench     # speed and size table (--browser: Lighthouse on every page)
    python3 dev.py new CHAPTER/PAGE   # scaffold a page, its snippet, nav entry and index row
    python3 dev.py compat 2.7.0   # snippets and pages under another torch: which outputs differ

Each command but `new` first makes sure `.venv/` holds exactly what `requirements.lock` pins
(created when missing, reused when it matches, re-synced when the lock changes, rebuilt for
another Python; hash-checked, nothing else installed, `pip check`), then runs the command's
tool with the .venv's Python. Needs only Python 3.11+.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
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

    Every pin but torch carries the sha256 of each file it may install (tools/lock_hashes.py).
    torch's file differs per platform and per index (PyPI's CUDA build on Linux x86_64, the CPU
    build from PyTorch's CPU index, macOS and Windows wheels), so it is pinned by version only.
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
keep, todo = set(), ["torch"]
while todo:  # torch's own runtime dependencies (on Linux x86_64 from PyPI: the CUDA wheels it pins)
    name = todo.pop()
    if name in keep or name not in dists:
        continue
    keep.add(name)
    for line in dists[name].requires or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            todo.append(norm(req.name))
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
                "your platform or Python is one tools/lock_hashes.py does not cover yet: add it to PLATFORMS "
                "or PYTHONS there and run `python3 -m tools.lock_hashes`."
            )
        # 2. torch, from whichever index the environment names (PIP_INDEX_URL / PIP_EXTRA_INDEX_URL);
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


REBUILD_FAILED = "An error happened during the rebuild"
WATCHED = ("docs", "snippets", "tools", "mkdocs.yml")


def _dev_addr(argv: list[str]) -> tuple[list[str], str]:
    for i, arg in enumerate(argv):
        if arg in ("-a", "--dev-addr") and i + 1 < len(argv):
            return argv, argv[i + 1]
        if arg.startswith("--dev-addr="):
            return argv, arg.partition("=")[2]
    return [*argv, "--dev-addr", "127.0.0.1:8000"], "127.0.0.1:8000"


def _snapshot(argv: list[str]) -> dict[str, float]:
    """Modification times of what the site is built from (for retrying after an error)."""
    root = ROOT
    if "-f" in argv[:-1]:
        root = Path(argv[argv.index("-f") + 1]).resolve().parent
    times = {}
    for name in WATCHED:
        for path in [root / name, *(root / name).rglob("*")] if (root / name).exists() else []:
            if "__pycache__" not in path.parts:
                times[str(path)] = path.stat().st_mtime
    return times


def _error_page(addr: str, log: str, argv: list[str], stop: list[int]) -> bool:
    """Serve the build error on the dev address until a watched file changes (True) or a signal."""
    import html
    import http.server
    import threading

    body = (
        "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=2>"
        "<title>Build error</title><h1>The site did not build</h1>"
        "<p>Fix the file the message names and save: this page reloads by itself once it builds.</p>"
        f"<pre style='white-space:pre-wrap'>{html.escape(log)}</pre>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/livereload/"):  # a page mkdocs served is polling: make it reload
                reply, status = b"99999999999999", 200
            else:
                reply, status = body, 500
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args) -> None:
            pass

    host, _, port = addr.rpartition(":")
    try:
        server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    except OSError as error:  # the port is taken (by what made mkdocs fail, most likely)
        print(f"[dev] cannot show the error on {addr}: {error}", file=sys.stderr)
        return False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"[dev] the build failed: http://{addr}/ shows the error until a file under "
          f"{', '.join(WATCHED)} changes, then the site is rebuilt", file=sys.stderr, flush=True)
    try:
        before = _snapshot(argv)
        while not stop and _snapshot(argv) == before:
            time.sleep(0.5)
    finally:
        server.shutdown()
        server.server_close()
    return not stop


def cmd_serve(argv: list[str]) -> int:
    """`mkdocs serve`, with its signals passed on, and its build errors shown in the browser.

    mkdocs runs in its own process group: SIGINT (Ctrl-C) and SIGTERM reach dev.py, which passes
    each on once and waits, so nothing is left listening on the port. When the first build fails,
    or a rebuild fails (mkdocs would then keep every page request waiting), the dev address shows
    the error instead, and mkdocs starts again once a watched file changes.
    """
    argv, addr = _dev_addr(argv)
    stop: list[int] = []
    child: list[subprocess.Popen] = []

    def forward(signum, frame) -> None:
        stop.append(signum)
        if child and child[0].poll() is None:
            child[0].send_signal(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    env = child_env(PYTHONUNBUFFERED="1")
    while True:
        tail: collections.deque[str] = collections.deque(maxlen=80)
        process = subprocess.Popen(
            [str(PYTHON), "-m", "mkdocs", "serve", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=os.name != "nt",
        )
        child[:] = [process]
        failed = False
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            tail.append(line)
            if REBUILD_FAILED in line and not stop:
                failed = True
                process.terminate()
        code = process.wait()
        child.clear()
        if stop:
            return 0 if code in (0, -stop[0], 128 + stop[0]) else code
        if not failed and code == 0:
            return 0
        if not _error_page(addr, "".join(tail), argv, stop):
            return 0 if stop else 1


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


PAGE_TEMPLATE = """---
examples: 1
---

# {title}

What this page shows, in plain words: the idea first, for a learner who has read the chapter's
earlier pages. (Replace this paragraph.)

## The maths

State it with LaTeX: inline $y = xW^\\top + b$, or display maths between `$$` lines.

## The code

```python title="snippets/{chapter}/{module}.py"
--8<-- "{chapter}/{module}.py:main"
```

!!! warning "Pitfall"
    The mistake a reader is likely to make here, and how the output above shows it.

!!! note "Where this page departs from the notes"
    Say what differs from the course notes and why (delete this box if nothing does).

## Recap

* One line per thing to remember.
"""

SNIPPET_TEMPLATE = """import torch

# --8<-- [start:main]
torch.manual_seed(0)
x = torch.randn(2, 3)
print(tuple(x.shape), round(x.sum().item(), 4))
# --8<-- [end:main]
"""


def cmd_new(argv: list[str]) -> int:
    """Scaffold docs/CHAPTER/PAGE.md and snippets/CHAPTER/PAGE.py, with the nav entry and the
    chapter index row; `python3 dev.py regen` then writes the snippet's output."""
    if len(argv) != 1 or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*", argv[0]):
        print("usage: python3 dev.py new CHAPTER/PAGE   (kebab-case, e.g. autograd/higher-order)", file=sys.stderr)
        return 2
    chapter, slug = argv[0].split("/")
    module = slug.replace("-", "_")
    title = slug.replace("-", " ").capitalize()
    page = ROOT / "docs" / chapter / f"{slug}.md"
    snippet = ROOT / "snippets" / chapter / f"{module}.py"
    index = ROOT / "docs" / chapter / "index.md"
    for path in (page, snippet):
        if path.exists():
            print(f"[dev] {path.relative_to(ROOT)} exists already; nothing written", file=sys.stderr)
            return 1
    if not index.is_file():
        print(
            f"[dev] docs/{chapter}/ is not a chapter yet. Start one with docs/{chapter}/index.md (intro and a "
            f"table of its pages), docs/{chapter}/lab.py, snippets/{chapter}/__init__.py and a `- Title:` "
            "section in the nav of mkdocs.yml (copy docs/autograd/), then run this again.",
            file=sys.stderr,
        )
        return 1
    page.write_text(PAGE_TEMPLATE.format(title=title, chapter=chapter, module=module))
    snippet.parent.mkdir(parents=True, exist_ok=True)
    (snippet.parent / "__init__.py").touch()
    snippet.write_text(SNIPPET_TEMPLATE)
    # The chapter's index table: a row before the lab's (or after the last row).
    lines = index.read_text().splitlines()
    rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("|")]
    lab_row = next((i for i in rows if "(lab.py)" in lines[i]), None)
    at = lab_row if lab_row is not None else (rows[-1] + 1 if rows else len(lines))
    lines.insert(at, f"| [{title}]({slug}.md) | what it covers (one line) |")
    index.write_text("\n".join(lines) + "\n")
    # The nav: in the chapter's section, before its lab (or after its last entry).
    config = ROOT / "mkdocs.yml"
    yml = config.read_text().splitlines()
    entries = [i for i, line in enumerate(yml) if re.search(rf"(?:^|[\s:]){re.escape(chapter)}/\S+\.(md|py)\s*$", line)]
    if not entries:
        print(f"[dev] add `- {title}: {chapter}/{slug}.md` to the {chapter} section of the nav in mkdocs.yml")
    else:
        lab = next((i for i in entries if yml[i].rstrip().endswith(f"{chapter}/lab.py")), None)
        at = lab if lab is not None else entries[-1] + 1
        indent = re.match(r"\s*", yml[entries[-1]]).group(0)
        yml.insert(at, f"{indent}- {title}: {chapter}/{slug}.md")
        config.write_text("\n".join(yml) + "\n")
    for path in (page, snippet, index, config):
        print(f"[dev] wrote {path.relative_to(ROOT)}")
    print(
        f"Next: edit the snippet, run `python3 dev.py regen snippets/{chapter}/{module}.py`, write the page "
        f"(title in the nav and the index row too), then `python3 dev.py test docs/{chapter}/{slug}.md "
        "tests/test_contract.py`. CONTRIBUTING.md walks through each step."
    )
    return 0


def cmd_compat(argv: list[str]) -> int:
    from tools import compat  # standard library only: runs before any venv exists

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


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if sys.argv[1] not in NEEDS_NO_VENV:
        ensure_env()
    return COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
