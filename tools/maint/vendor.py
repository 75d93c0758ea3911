"""Check (or, with --write, record) the hashes of the vendored front-end assets."""

from __future__ import annotations

import hashlib
import sys

from tools.paths import DOCS

VENDOR = DOCS / "assets" / "vendor"
SUMS = VENDOR / "SHA256SUMS"


def current() -> dict[str, str]:
    files = sorted(p for p in VENDOR.rglob("*") if p.is_file() and p.parent != VENDOR and p.name != "LICENSE")
    return {p.relative_to(VENDOR).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def recorded() -> dict[str, str]:
    pairs = (line.split() for line in SUMS.read_text().splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        SUMS.write_text("".join(f"{digest}  {name}\n" for name, digest in current().items()))
    sys.exit(0 if current() == recorded() else "vendored assets differ from SHA256SUMS")
