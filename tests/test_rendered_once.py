"""Each file is rendered once under the kernel matrix's reference variant in a run that checks it
and its matrix: the suite's own check of a snippet (its `renderings` batch) and of a page (its
examples, run here: conftest.py's PageRecorder) is the matrix's reference rendering, and the matrix
renders only the other variants (tests/conftest.py: `_references_from_own_checks`).

A child pytest runs one snippet's and one page's checks with their matrix tests, fresh, and a
plugin (tests/support/render_count.py) counts every rendering of each, per variant.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tools.engine import portability
from tools.paths import ROOT

SNIPPET = "snippets/autograd/backward_scalar.py"
PAGE = "docs/index.md"  # one example: the cheapest page
MATRIX = "tests/test_portability.py::test_every_output_is_the_same_under_every_cpu_kernel_variant"


@pytest.mark.reads(files=[SNIPPET, PAGE, "tests/test_snippets.py", "tests/test_portability.py"])
def test_a_checked_file_is_rendered_once_under_the_reference_variant(tmp_path):
    counts = tmp_path / "counts.json"
    env = {k: v for k, v in portability.without_cpu_settings(os.environ).items() if not k.startswith("PYTEST") and k != "CI"}
    env |= {
        "PYTORCH_NOTES_RENDER_COUNT": str(counts),
        "PYTORCH_NOTES_RECORD": str(tmp_path / "record"),  # fresh, and the real record untouched
        "PYTORCH_NOTES_VERIFIED": str(tmp_path / "verified"),  # the footers' record untouched
    }
    selection = [
        f"tests/test_snippets.py::test_every_snippet_equals_its_rendering[{SNIPPET}]",
        PAGE,
        f"{MATRIX}[{SNIPPET}]",
        f"{MATRIX}[{PAGE}]",
    ]
    command = [sys.executable, "-m", "pytest", "-p", "tests.support.render_count", "-p", "no:cacheprovider",
               "-q", "--fresh", "--device", "cpu", *selection]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "4 passed" in result.stdout, result.stdout[-3000:]
    reference, other = (str(v) for v in portability.regen_pair())
    found = json.loads(counts.read_text())
    once = {reference: 1, other: 1}
    assert found == {SNIPPET: once, PAGE: once}, f"each file once per variant, the reference by its own check: {found}"
