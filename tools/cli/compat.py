"""`python3 dev.py compat VERSION`: run the snippet and page checks under another torch.

The pages' outputs were produced with the torch pinned in requirements.lock. This command builds a
separate venv, `.venv-torch-VERSION/`, from a copy of the lock in which only the torch pin is
replaced by `torch==VERSION` (and the torchvision pin by the release paired with it:
`paired_torchvision`), runs every snippet (`tests/test_snippets.py`) and every Python block
of every page (Sybil, `docs/`) there, and lists the snippets and pages whose outputs differ.
Exit status 0: nothing differs; 1: something differs (or the suite could not run at all). With
`--record`, the differences are written to compat/torch-VERSION.json (tools/compat_record.py) and
the status is 1 only when one is not explained on its page.

Where torch comes from is pip's business: set PIP_INDEX_URL / PIP_EXTRA_INDEX_URL in the
environment to use PyTorch's CPU wheel index (the scheduled workflow does). Extra arguments go to
pytest, e.g. `python3 dev.py compat 2.7.0 --device cuda` or `-k networks`. VERSION may be
`newest`: the newest release on the index pip uses (`pip index versions torch`).

Standard library only: dev.py imports it before any venv exists. Inside the compat venv, pytest
loads this same module as a plugin (`-p tools.cli.compat`) that records each test's outcome.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from tools.env import child_env

VERSION = re.compile(r"\d+\.\d+(\.\d+)?")
TORCH_PIN = re.compile(r"^torch==\S+[ \t]*$", re.MULTILINE)
TORCHVISION_PIN = re.compile(r"^torchvision==\S+[ \t]*(\n|$)", re.MULTILINE)
CHECKED = ("tests/test_snippets.py", "docs")
RECORD_ENV = "PYTORCH_NOTES_COMPAT_RECORD"


def paired_torchvision(version: str) -> str | None:
    """The torchvision releases built for torch `version`: torch 2.X pairs with torchvision
    0.(X+15) (2.7 with 0.22, 2.14 with 0.29), as a pin pip resolves to the patch release whose
    own `torch==` requirement matches. None outside torch 2, where no pairing is known."""
    major, minor = version.split(".")[:2]
    return f"0.{int(minor) + 15}.*" if major == "2" else None


def lock_with_torch(lock_text: str, version: str) -> str:
    """The lock with its one `torch==...` pin replaced by `torch==version` and its torchvision pin
    (if any) by the release paired with that torch, or removed where none is known (the pages
    that read Fashion-MNIST then fail, and are listed); nothing else changed. A torchvision
    built for another torch fails to load, so the lock's own pin cannot be kept."""
    if not VERSION.fullmatch(version):
        raise ValueError(f"not a torch release version: {version!r} (expected e.g. 2.7.0)")
    pins = TORCH_PIN.findall(lock_text)
    if len(pins) != 1:
        raise ValueError(f"the lock must pin torch exactly once, found {len(pins)} pins")
    lock_text = TORCH_PIN.sub(f"torch=={version}", lock_text)
    paired = paired_torchvision(version)
    return TORCHVISION_PIN.sub(lambda pin: f"torchvision=={paired}{pin[1]}" if paired else "", lock_text)


def newest_from_pip_index(output: str) -> str:
    """The version in the first line of `pip index versions torch` ("torch (2.13.0)"), local tag dropped."""
    match = re.match(r"torch \(([^)+]+)(\+[^)]*)?\)", output.strip())
    if match is None or not VERSION.fullmatch(match[1]):
        raise ValueError(f"cannot read the newest torch from pip's answer: {output[:200]!r}")
    return match[1]


def newest_torch() -> str:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "index", "versions", "torch"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return newest_from_pip_index(result.stdout)


def env_dir(root: Path, version: str) -> Path:
    return root / f".venv-torch-{version}"


def unit_of(record: dict) -> str:
    """What a test checks, as the plugin recorded it (`checked_file`): the snippet or page it is
    parametrized over, the page a page example belongs to, or (for anything else) its test file."""
    return record.get("unit") or record["nodeid"].split("::", 1)[0]


def checked_file(item, root: Path) -> str:
    """The file a collected test checks: its `path` parameter (a snippet, a page, a generated
    file), whatever the test is called; else the file it was collected from (a page's example is
    collected from the page), relative to `root`."""
    callspec = getattr(item, "callspec", None)
    path = callspec.params.get("path") if callspec is not None else None
    path = Path(path if isinstance(path, (str, Path)) else item.path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def first_difference(message: str) -> str:
    """`shown -> printed` from the first changed line of an output diff; for a traceback, its last
    line; else the message's first line."""
    lines = message.strip().splitlines()
    removed = next((line[1:] for line in lines if line.startswith("-") and not line.startswith("---")), None)
    added = next((line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")), None)
    if removed is not None or added is not None:
        return f"{(removed or '').strip()} -> {(added or '').strip()}"
    if any(line.startswith("Traceback") for line in lines):
        return lines[0].rstrip(":") + ": " + lines[-1].strip()  # what raised, and the exception
    return lines[0] if lines else ""


def differing(records: Iterable[dict]) -> dict[str, list[str]]:
    """{snippet or page: [which check: its first difference]}, for every record that did not pass."""
    out: dict[str, list[str]] = {}
    for record in records:
        if record["outcome"] in ("passed", "skipped"):
            continue
        where = record["nodeid"].split("::", 1)[1] if "::" in record["nodeid"] else ""
        why = first_difference(record.get("message") or record["outcome"])
        out.setdefault(unit_of(record), []).append(f"{where}: {why}")
    return out


def report(version: str, records: list[dict], pytest_code: int) -> tuple[str, int]:
    """The text to print and the exit status."""
    units = {unit_of(r) for r in records}
    pages = sorted(u for u in units if u.startswith("docs/"))
    snippets = sorted(u for u in units if u.startswith("snippets/"))
    diff = differing(records)
    lines = [f"torch {version}: {len(snippets)} snippets and {len(pages)} pages checked"]
    lines += [f"checked: {', '.join(units)}" for units in (snippets, pages) if units]
    if not records:
        lines.append(f"nothing ran (pytest exit status {pytest_code}): the suite cannot start under this torch")
        return "\n".join(lines), 1
    if not diff and pytest_code == 0:
        lines.append("every output is the same as with the pinned torch")
        return "\n".join(lines), 0
    lines.append(f"{len(diff)} differ:")
    lines.append("")
    lines.append("| snippet or page | failing checks | first one |")
    lines.append("| --- | --- | --- |")
    for unit in sorted(diff):
        first = diff[unit][0].replace("|", "\\|")
        if len(first) > 100:
            first = first[:97] + "..."
        lines.append(f"| {unit} | {len(diff[unit])} | {first} |")
    return "\n".join(lines), 1


def main(argv: list[str], root: Path, ensure_env: Callable[..., Path]) -> int:
    if not argv or not (argv[0] == "newest" or VERSION.fullmatch(argv[0])):
        print("usage: python3 dev.py compat VERSION|newest [pytest arguments]   (e.g. 2.7.0)", file=sys.stderr)
        return 2
    version, extra = argv[0], argv[1:]
    record = "--record" in extra  # write compat/torch-VERSION.json (tools/compat_record.py)
    extra = [arg for arg in extra if arg != "--record"]
    if version == "newest":
        version = newest_torch()
        print(f"[compat] newest torch on pip's index: {version}", flush=True)
    lock = lock_with_torch((root / "requirements.lock").read_text(), version)
    python = ensure_env(env_dir(root, version), lock)
    if paired_torchvision(version) is not None:
        python = _with_loading_torchvision(root, version, lock, python, ensure_env)
        if python is None:
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        record_file = Path(tmp) / "records.jsonl"
        # Its own verification record (tools/pages/verified.py): the page footers say where the pinned torch
        # verified each page, never that another torch did.
        env = child_env(**{RECORD_ENV: str(record_file), "PYTORCH_NOTES_VERIFIED": str(Path(tmp) / "verified")})
        # --fresh: every check renders under this torch (the verification record is not read).
        command = [str(python), "-m", "pytest", "-p", "tools.cli.compat", "-q", "--fresh", *CHECKED, *extra]
        code = subprocess.run(command, cwd=root, env=env).returncode
        text = record_file.read_text() if record_file.exists() else ""
    records = [json.loads(line) for line in text.splitlines() if line]
    message, status = report(version, records, code)
    print("\n" + message)
    if record and records:
        errored = not_compared(records)
        if errored:  # a setup error is no difference: writing it would record the breakage as data
            print(f"[compat] not recorded: {len(errored)} checks errored before comparing anything under "
                  f"torch {version} (the first: {errored[0]}). Fix the environment, then record again.")
            return 1
        return _record(root, version, python, records)
    return status


# Which torch the venv holds (printed first), then whether torchvision's compiled ops load beside it.
LOADS = ("import torch; print(torch.__version__, flush=True); import torchvision; "
         "torchvision.ops.nms(torch.zeros(1, 4), torch.zeros(1), 0.5)")


def _loads(python: Path) -> tuple[bool, str, str]:
    """(torch and torchvision load together, torch's version, the error's last line or "")."""
    result = subprocess.run([str(python), "-c", LOADS], capture_output=True, text=True)
    version = (result.stdout.strip().splitlines() or [""])[0]
    error = "" if result.returncode == 0 else (result.stderr.strip().splitlines() or [""])[-1]
    return result.returncode == 0, version, error


def plain_build(lock_text: str, version: str) -> str:
    """The lock with torch pinned by arbitrary equality, `torch===VERSION`: only a build whose
    version is exactly VERSION, never a local variant such as `VERSION+cpu` (PEP 440: `==` admits
    those, `===` does not). PyPI's torchvision is built against PyPI's plain torch."""
    return TORCH_PIN.sub(f"torch==={version}", lock_text)


def _with_loading_torchvision(root: Path, version: str, lock: str, python: Path,
                              ensure_env: Callable[..., Path]) -> Path | None:
    """The venv's python once torch and torchvision load together, else None (said why).

    `torch==VERSION` also admits a local build (`VERSION+cpu`): pip prefers it, e.g. a wheel on
    its find-links, and PyPI's torchvision fails to load beside it ("operator torchvision::nms
    does not exist"). Then the venv is synced again with the plain build, `torch===VERSION`."""
    ok, installed, error = _loads(python)
    if ok:
        return python
    print(f"[compat] torchvision does not load beside this torch ({error})", flush=True)
    if "+" in installed:
        print(f"[compat] torch {installed} is a local build; syncing again with torch==={version}, "
              "the build PyPI's torchvision is made for", flush=True)
        python = ensure_env(env_dir(root, version), plain_build(lock, version))
        ok, _, error = _loads(python)
        if ok:
            return python
    print(f"[compat] torch {version} and torchvision {paired_torchvision(version)} do not load together "
          f"({error}): nothing recorded. Install both from one index (PIP_INDEX_URL).", flush=True)
    return None


def not_compared(records: list[dict]) -> list[str]:
    """The checks that errored in setup (the snippet runner did not start, a fixture failed):
    'nodeid: message', in order. Their output was never compared with the pinned torch's."""
    return [f"{r['nodeid']}: {first_difference(r.get('message') or 'error')}" for r in records
            if r["outcome"] == "error"]


def _record(root: Path, version: str, python: Path, records: list[dict]) -> int:
    """`--record`: the data file written; 1 when a recorded difference is explained on no page."""
    import datetime

    from tools import compat_record

    probe = "import torch; print(torch.__version__ + (' (CUDA build)' if torch.version.cuda else ' (CPU build)'))"
    build = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    when = datetime.date.today().isoformat()
    path = compat_record.write(root, compat_record.build_record(version, build, records, root, when, unit_of))
    print(f"[compat] recorded {path.relative_to(root)}")
    missing = compat_record.unexplained(root)
    for line in missing:
        print(f"[compat] unexplained: {line}")
    return 1 if missing else 0


# The pytest plugin half: one JSON line per test (its worst phase, and the file it checks),
# written where RECORD_ENV says.
_outcomes: dict[str, dict] = {}
_units: dict[str, str] = {}


def pytest_collection_finish(session) -> None:
    root = Path(session.config.rootpath)
    _units.update((item.nodeid, checked_file(item, root)) for item in session.items)


def pytest_runtest_logreport(report) -> None:
    if RECORD_ENV not in os.environ:
        return
    crash = getattr(report.longrepr, "reprcrash", None)
    message = crash.message if crash is not None else (str(report.longrepr) if report.longrepr else "")
    outcome = "error" if report.outcome == "failed" and report.when != "call" else report.outcome
    kept = _outcomes.get(report.nodeid)
    if kept is None or kept["outcome"] == "passed":
        unit = _units.get(report.nodeid, report.nodeid.split("::", 1)[0])
        detail = str(report.longrepr) if report.longrepr else ""  # the whole diff, for --record
        _outcomes[report.nodeid] = {"nodeid": report.nodeid, "unit": unit, "outcome": outcome,
                                    "message": message, "detail": detail}


def pytest_sessionfinish(session) -> None:
    path = os.environ.get(RECORD_ENV)
    if path:
        with open(path, "w") as f:
            f.writelines(json.dumps(record) + "\n" for record in _outcomes.values())
