"""Every snippet runs standalone, as a reader runs it after copying it, and prints exactly the
`#>` lines its page shows."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tools.contract import ROOT, expected_output, output_diff, snippet_files

SNIPPETS = snippet_files()


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.relative_to(ROOT).as_posix() for p in SNIPPETS])
def test_every_snippet_output_matches_page(path, tmp_path):
    # A fresh process, another working directory, warnings as errors: nothing borrowed from the suite.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    result = subprocess.run(
        [sys.executable, "-W", "error", str(path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    rel = path.relative_to(ROOT).as_posix()
    assert result.returncode == 0, f"{rel} raised when run standalone:\n{result.stderr}"
    assert result.stderr == "", f"{rel} wrote to stderr:\n{result.stderr}"
    want = expected_output(path.read_text())
    assert result.stdout == want, output_diff(want, result.stdout, rel)


def test_there_are_snippets():
    assert len(SNIPPETS) >= 1
