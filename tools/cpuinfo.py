"""/proc/cpuinfo, read once: the kernel matrix's CPU flags (tools/engine/portability.py) and the
CPU model the verification record names (tools/suite/record.py). Empty where there is no such
file (macOS, Windows). Standard library only: a ground module anything may import.
"""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def _text() -> str:
    try:
        return Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""


def field(name: str) -> str:
    """The value of the first `name : value` line (the first CPU's), or ""."""
    line = next((line for line in _text().splitlines() if line.startswith(name)), "")
    return line.partition(":")[2].strip()
