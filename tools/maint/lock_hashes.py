"""Record the sha256 of every file `requirements.lock` may install, so the install is hash-checked.

    python3 -m tools.maint.lock_hashes        # rewrite requirements.lock with --hash lines

Run it after changing a pin. It only uses `pip download --no-deps` (the ordinary client, the same
index settings as an install): each pin once for this machine, and each pin that ships compiled
wheels once per platform and Python version below, so a contributor on any of them installs files
whose hashes the lock records. torch and torchvision are the exception: their files differ per
platform *and* per index (PyPI's CUDA build on Linux x86_64, the CPU build from PyTorch's CPU
index, macOS and Windows wheels), so their lines stay plain version pins, installed on their own
and checked after install (see `dev.py`).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.paths import ROOT

LOCK = ROOT / "requirements.lock"
UNHASHED = {"torch", "torchvision"}
PYTHONS = ("3.11", "3.12", "3.13", "3.14")
# pip download takes each --platform literally (manylinux_2_28 does not match a manylinux_2_24
# wheel), so the manylinux levels wheels ship at are listed one by one: 2014 (= 2_17), 2_24
# (zizmor on aarch64), 2_28.
PLATFORMS = (
    "manylinux_2_28_x86_64",
    "manylinux_2_24_x86_64",
    "manylinux2014_x86_64",
    "manylinux_2_28_aarch64",
    "manylinux_2_24_aarch64",
    "manylinux2014_aarch64",
    "macosx_11_0_arm64",
    "macosx_14_0_arm64",
    "win_amd64",
)
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)(?P<marker>\s*;(?:(?!--hash)[^\\])*)?")


def parse_lock(text: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The lock's comment header and its pins (name, version, marker), hashes dropped."""
    header, pins = [], []
    for line in text.replace("\\\n", " ").splitlines():
        if not pins and (line.startswith("#") or not line.strip()):
            header.append(line)
        elif match := PIN.match(line):
            pins.append((match["name"], match["version"], (match["marker"] or "").strip()))
    return header, pins


def _download(requirements: list[str], dest: Path, extra: list[str]) -> bool:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest), *extra, *requirements]
    return subprocess.run(command, capture_output=True, text=True).returncode == 0


def collect_hashes(pins: list[tuple[str, str, str]]) -> dict[str, set[str]]:
    hashes: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        native = Path(tmp) / "native"
        wanted = [f"{name}=={version}" for name, version, _ in pins if name.lower() not in UNHASHED]
        if not _download(wanted, native, []):
            sys.exit("pip download of the lock failed; run it by hand to see why")
        compiled = sorted({f.name.split("-")[0] for f in native.iterdir() if not f.name.endswith("-none-any.whl")})
        by_norm = {re.sub(r"[-_.]+", "_", name).lower(): f"{name}=={version}" for name, version, _ in pins}
        compiled_reqs = [by_norm[re.sub(r"[-_.]+", "_", stem).lower()] for stem in compiled]
        for python in PYTHONS:
            for platform in PLATFORMS:
                dest = Path(tmp) / f"{platform}-{python}"
                extra = ["--only-binary=:all:", "--platform", platform, "--python-version", python]
                if not _download(compiled_reqs, dest, extra):
                    for req in compiled_reqs:  # one has no wheel there: take the others one by one
                        if not _download([req], dest, extra):
                            print(f"  no wheel of {req} for {platform}, Python {python}", file=sys.stderr)
        for file in Path(tmp).rglob("*"):
            if file.is_file():
                stem = re.sub(r"[-_.]+", "_", file.name.split("-")[0]).lower()
                hashes.setdefault(stem, set()).add(hashlib.sha256(file.read_bytes()).hexdigest())
    return hashes


def render(header: list[str], pins: list[tuple[str, str, str]], hashes: dict[str, set[str]]) -> str:
    out = [*header]
    for name, version, marker in pins:
        line = f"{name}=={version}" + (f" {marker}" if marker else "")
        digests = sorted(hashes.get(re.sub(r"[-_.]+", "_", name).lower(), ()))
        if name.lower() in UNHASHED or not digests:
            out.append(line)
            continue
        out.append(line + " \\")
        out.extend(f"    --hash=sha256:{d}" + (" \\" if i < len(digests) - 1 else "") for i, d in enumerate(digests))
    return "\n".join(out) + "\n"


def main() -> int:
    header, pins = parse_lock(LOCK.read_text())
    hashes = collect_hashes(pins)
    LOCK.write_text(render(header, pins, hashes))
    missing = [n for n, _, _ in pins if n.lower() not in UNHASHED and not hashes.get(re.sub(r"[-_.]+", "_", n).lower())]
    print(f"requirements.lock: {len(pins)} pins, hashes for {len(pins) - len(UNHASHED)}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
