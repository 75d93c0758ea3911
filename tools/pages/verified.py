"""Where each page was verified: the record the suite writes and the page footers are built from.

At the end of a run, `python3 dev.py test` writes `build/verified/<device>-<machine>-<os>.json`
(conftest.py: `write_record`), for instance `cpu-x86_64-linux.json`: the torch it ran, the device and machine, the CPU kernel variants of the
portability matrix, and for each page whose checks all ran and passed in that run, what passed:
its examples (Sybil) on that device, and the page under every kernel variant. Each page is stored
with a digest of the code it runs (the page and the files it includes), so a record says nothing
about a page edited since. A run keeps the entries of pages it did not run, digests and all.

The build (tools/site/hooks/includes.py, tools/site/theme/main.html) turns the records into each page's footer:
"on CPU (x86_64, …) with torch 2.13.0, under each of these 12 kernel variants; on CUDA (…)".
Nothing in a footer is typed.
CI's CPU and GPU jobs upload their records and the Pages job builds with them
(.github/workflows/ci.yml); `PYTORCH_NOTES_VERIFIED` names another folder of records.

Standard library only: the mkdocs hook imports this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from pathlib import Path

from tools.paths import ROOT, SNIPPETS

RECORDS = ROOT / "build" / "verified"
DEVICE_NAMES = {"cpu": "CPU", "cuda": "CUDA", "mps": "Apple MPS"}


def records_dir() -> Path:
    return Path(os.environ.get("PYTORCH_NOTES_VERIFIED", RECORDS))


def page_digest(page: Path) -> str:
    """A digest of what a page runs: its text and every snippet file it includes."""
    from tools.pages import includes

    text = page.read_text()
    digest = hashlib.sha256(text.encode())
    for _, include in includes.includes_in(text):
        included = SNIPPETS / include.file
        digest.update(include.file.encode())
        digest.update(included.read_bytes() if included.is_file() else b"(missing)")
    return digest.hexdigest()[:16]


def write(device: str, entry: dict, pages: dict[str, dict], folder: Path | None = None) -> Path:
    """Write (or update) the record of `device`: `entry` describes the run, `pages` maps a page
    (`docs/…md`) to what passed for it ({"examples": bool, "variants": bool, or None when the
    matrix did not run, so that an earlier run's answer for the same page stands}). Entries of
    pages this run did not check are kept."""
    folder = folder or records_dir()
    path = folder / f"{device}-{platform.machine().lower()}-{sys.platform}.json"
    old = json.loads(path.read_text()) if path.exists() else {}
    kept = old.get("pages", {}) if old.get("torch") == entry.get("torch") else {}
    for page, passed in pages.items():
        digest = page_digest(ROOT / page)
        if passed.get("variants") is None:  # the matrix did not run: an earlier run's answer stands
            earlier = kept.get(page, {})
            same = earlier.get("digest") == digest and passed.get("examples")
            passed = {**passed, "variants": bool(earlier.get("variants")) if same else False}
        kept[page] = {**passed, "digest": digest}
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**entry, "device": device, "pages": dict(sorted(kept.items()))}, indent=1) + "\n")
    return path


def statements(page: str, folder: Path | None = None) -> list[dict]:
    """What the records say of `page` (`docs/…md`), one entry per device whose record holds the
    page as it is now: {"device", "machine", "torch", "variants", "run"} (variants: the CPU kernel
    variants the page's output was identical under, or []; run: when and at which commit the
    result was produced, and machine the machine that produced it, which for a result reused from
    the verification record is that earlier run's, never the reusing one's)."""
    folder = folder or records_dir()
    if not folder.is_dir():
        return []
    found = []
    digest = None
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text())
        passed = record.get("pages", {}).get(page)
        if not passed:
            continue
        digest = digest or page_digest(ROOT / page)
        if passed.get("digest") != digest or not passed.get("examples"):
            continue
        run = passed.get("run") or {}
        found.append(
            {
                "device": DEVICE_NAMES.get(record["device"], record["device"]),
                "machine": run.get("machine") or record.get("machine", "unknown machine"),
                "run": {"at": run.get("at"), "commit": run.get("commit")},
                "torch": record["torch"],
                "variants": record.get("variants", []) if passed.get("variants") else [],
            }
        )
    return found
