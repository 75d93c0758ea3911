"""The verification record: the result of every check that passed, under a key made of everything
that can change it, so that a run re-renders only what changed since.

A check is one test of the suite (a page's example, a snippet, a file under the kernel matrix, a
lab, a page in the browser, …). Before the suite runs a check, it computes the check's key:

* the check itself (its pytest node id) and the bytes of every file it reads (`inputs`): a page
  with every file it includes and every snippet module those import; a snippet with the snippet
  modules it imports; a generated file with the snippets its drawing runs; a test of the engine,
  every source file of the repository;
* the engine: every file under tools/, the conftests, the browser tour, the tests' support modules
  (tests/support/), `pyproject.toml`,
  `requirements.lock`, `mkdocs.yml` (the rendering code, the include options, every pin);
* the environment: torch's version and build, Python's version, the platform, the kinds of CPU
  kernels this CPU can run, the CPU settings the suite runs under, the device (and the GPU's name);
* what the check adds (the kernel matrix: its list of variants; a browser check: Chromium's
  version).

When `.cache/verification/` holds an entry under that key, the check is reused, and says so (an
`r` in the progress line, a count in the summary). Any difference in any of these renders it
again. Entries are written only for checks that passed, one file each, with a checksum: a corrupt
or truncated file is detected, deleted and rendered again, never trusted. The folder is safe to
delete; `python3 dev.py test --fresh` ignores it (and CI runs fresh: `CI=true`).

Each entry names the run that produced it (when, on which machine, at which commit), which the
page footers cite for a reused result (tools/pages/verified.py).

This module is the key and the store, standard library only (torch is imported only to describe
the environment, when a run asks for it). The pytest side, which decides per test what is reused,
is tools/suite/record_plugin.py.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tools.paths import ROOT, SNIPPETS, rel

FOLDER = ROOT / ".cache" / "verification"
FORMAT = 1  # bump when an entry's meaning changes: every older entry is then ignored

# The engine: the code that renders and compares, and everything it is configured by.
ENGINE_GLOBS = (
    "tools/**/*.py", "tools/**/*.html", "tools/**/*.js", "tools/**/*.css",
    "dev.py", "conftest.py", "tests/conftest.py", "tests/browser/conftest.py", "tests/browser/tour.py",
    "tests/support/*.py",
    "pyproject.toml", "requirements.lock", "mkdocs.yml",
)
# What "every source file" means for a check that reads the whole repository (a test of the
# engine): every file but the ones runs write and the environment.
NOT_SOURCE = {".git", ".venv", ".cache", "build", "site", "site-offline", "__pycache__", ".pytest_cache", "data"}
SNIPPET_IMPORT = re.compile(r"^\s*(?:from|import)\s+(snippets(?:\.\w+)+)", re.MULTILINE)
SNIPPET_NAMED = re.compile(r"""["']([a-z_]+/[a-z0-9_]+\.(?:py|mmd))["']""")


# ---------------------------------------------------------------------------------------------
# Digests of files and of what a file depends on
# ---------------------------------------------------------------------------------------------


@functools.cache
def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "(missing)"


def digest_files(paths: Iterable[Path]) -> dict[str, str]:
    """{path relative to the repository: sha256 of its bytes} (a missing file is named as such)."""
    return {rel(p): _file_digest(Path(p).resolve()) for p in sorted(set(map(Path, paths)))}


def snippet_imports(path: Path) -> set[Path]:
    """The snippet modules a file imports, transitively: a Python file's by its imports
    (notebooks.imported_snippets, which the labs' build cache keys on too), a page's by the
    `from snippets.… import` lines of its code."""
    from tools.pages.notebooks import imported_snippets

    path = Path(path)
    if path.suffix == ".py":
        try:
            return imported_snippets(path)
        except (FileNotFoundError, SyntaxError, UnicodeDecodeError):
            return set()  # the file's own check fails; its bytes are in the key
    found: set[Path] = set()
    for module in SNIPPET_IMPORT.findall(path.read_text()):
        base = ROOT.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file() and candidate not in found:
                found |= {candidate, *snippet_imports(candidate)}
    return found


def snippet_inputs(path: Path) -> set[Path]:
    """A snippet (or any Python file: a lab) and the snippet modules it imports."""
    return {Path(path), *snippet_imports(path)}


def page_inputs(page: Path) -> set[Path]:
    """A page, every file it includes, and the snippet modules those (and the page) import."""
    from tools.pages import includes

    page = Path(page)
    found = {page, *snippet_imports(page)}
    for _, include in includes.includes_in(page.read_text()):
        target = SNIPPETS / include.file
        found.add(target)
        if target.suffix == ".py":
            found |= snippet_imports(target)
    return found


def generated_inputs(path: Path, drawn_by: Path) -> set[Path]:
    """A generated file, and every snippet the module that draws it names (the drawing runs
    them: `run_snippet("training/train_classifier.py")`), with their imports."""
    found = {Path(path)}
    for name in SNIPPET_NAMED.findall(Path(drawn_by).read_text()):
        target = SNIPPETS / name
        if target.is_file():
            found |= snippet_inputs(target)
    return found


def source_files(root: Path = ROOT) -> set[Path]:
    """Every source file of the repository (what a test of the engine may read)."""
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCE and not d.startswith((".venv", "site")))
        found |= {Path(folder) / name for name in files if not name.endswith((".pyc", ".jpg"))}
    return found


@functools.cache
def engine_digest() -> str:
    digest = hashlib.sha256()
    paths = sorted({p for pattern in ENGINE_GLOBS for p in ROOT.glob(pattern) if "__pycache__" not in p.parts})
    for path in paths:
        digest.update(rel(path).encode() + b"\0" + _file_digest(path).encode() + b"\n")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# The environment
# ---------------------------------------------------------------------------------------------

@functools.cache
def environment(device: str) -> dict:
    """What, besides the files, decides a result: torch, Python, platform, CPU, device."""
    import torch

    from tools.engine import portability

    described = {
        "torch": torch.__version__,
        "torch_git": getattr(torch.version, "git_version", ""),
        "cuda": torch.version.cuda,
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "platform": f"{sys.platform}-{platform.machine().lower()}",
        "capabilities": portability.capabilities(),
        # The CPU settings of this process (portability.CPU_SETTINGS): a run under others never
        # reuses this one's results.
        "cpu_settings": {name: os.environ.get(name) for name in portability.CPU_SETTINGS},
        "device": device,
    }
    if device == "cuda":
        described["gpu"] = torch.cuda.get_device_name()
    return described


# ---------------------------------------------------------------------------------------------
# The run that produces entries
# ---------------------------------------------------------------------------------------------


def cpu_model() -> str:
    from tools import cpuinfo

    return cpuinfo.field("model name") or platform.processor() or "unknown CPU"


def _commit() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def machine_name(device: str) -> str:
    """The machine as the page footers name it: the GPU for CUDA, else the CPU."""
    if device == "cuda":
        import torch

        return torch.cuda.get_device_name()
    if device == "mps":
        return f"{platform.machine()} Mac"
    return f"{platform.machine()}, {cpu_model()}"


@functools.cache
def this_run(device: str) -> dict:
    """The run writing entries: an id, when, on which machine, at which commit (the commit the
    tree was at; the files themselves are in the key)."""
    return {
        "id": uuid.uuid4().hex[:12],
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine_name(device),
        "commit": _commit(),
    }


# ---------------------------------------------------------------------------------------------
# Keys and the store
# ---------------------------------------------------------------------------------------------


def key(check: str, inputs: Iterable[Path] | dict[str, str], environment: dict, extra: dict | None = None) -> str:
    """The key of one check: sha256 of the check, its inputs' bytes (or their `digest_files`),
    the engine and the environment."""
    described = {
        "format": FORMAT,
        "check": check,
        "inputs": inputs if isinstance(inputs, dict) else digest_files(inputs),
        "engine": engine_digest(),
        "environment": environment,
        "extra": extra or {},
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _checksum(entry: dict) -> str:
    body = {k: v for k, v in entry.items() if k != "checksum"}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


@dataclass
class Store:
    """The entries, one JSON file per key under `folder` (`<key[:2]>/<key>.json`)."""

    folder: Path = FOLDER

    def __post_init__(self) -> None:
        self.discarded: list[str] = []  # entries found corrupt, deleted

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        """The entry under `key`, or None: absent, or corrupt (then deleted, and counted)."""
        path = self.path(key)
        try:
            text = path.read_text()
        except FileNotFoundError:
            return None
        except OSError:
            text = ""
        try:
            entry = json.loads(text)
            valid = isinstance(entry, dict) and entry.get("key") == key and entry.get("checksum") == _checksum(entry)
        except ValueError:
            valid = False
        if not valid:
            self.discarded.append(rel(path))
            path.unlink(missing_ok=True)
            return None
        return entry

    def put(self, key: str, check: str, run: dict, **details) -> dict:
        """Record that `check` passed under `key` in `run` (atomically: a reader never sees half)."""
        entry = {"format": FORMAT, "key": key, "check": check, "run": run, **details}
        entry["checksum"] = _checksum(entry)
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w") as out:
            json.dump(entry, out, sort_keys=True)
        os.replace(scratch, path)
        return entry

