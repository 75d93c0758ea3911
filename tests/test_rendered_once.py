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

from tests.support.render_count import IN_A_DRAWING
from tools.engine import portability
from tools.paths import ROOT

SNIPPET = "snippets/autograd/backward_scalar.py"
PAGE = "docs/index.md"  # one example: the cheapest page
# A plot and the snippet it draws from: under the other variant the drawing's child runs the
# snippet as the snippet's own check does, and the matrix takes that run (tools/engine/runner.py:
# first_snippet_run), so the snippet is not run a second time.
DRAWN_FROM = "snippets/autograd/finite_difference_step.py"
DRAWINGS = [f"docs/autograd/plots/finite-difference-error-{scheme}.svg" for scheme in ("light", "dark")]
MATRIX = "tests/test_portability.py::test_every_output_is_the_same_under_every_cpu_kernel_variant"


@pytest.mark.reads(files=[SNIPPET, PAGE, DRAWN_FROM, *DRAWINGS, "tools/generated", "tests/test_snippets.py",
                          "tests/test_generated.py", "tests/test_portability.py"])
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
        f"tests/test_snippets.py::test_every_snippet_equals_its_rendering[{DRAWN_FROM}]",
        *(f"tests/test_generated.py::test_every_generated_file_equals_its_rendering[{d}]" for d in DRAWINGS),
        PAGE,
        *(f"{MATRIX}[{path}]" for path in (SNIPPET, PAGE, DRAWN_FROM, *DRAWINGS)),
    ]
    command = [sys.executable, "-m", "pytest", "-p", "tests.support.render_count", "-p", "no:cacheprovider",
               "-q", "--fresh", "--device", "cpu", *selection]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "10 passed" in result.stdout, result.stdout[-3000:]
    reference, other = (str(v) for v in portability.regen_pair())
    found = json.loads(counts.read_text())
    once = {reference: 1, other: 1}
    expected = {path: once for path in (SNIPPET, PAGE, *DRAWINGS)}
    expected[DRAWN_FROM] = {reference: 1, f"{other} {IN_A_DRAWING}": 1}
    # (the generated files' own check draws every drawing in one batch: the others are not ours)
    found = {path: by for path, by in found.items() if path in expected or len(by) > 1}
    assert found == expected, f"each file once per variant, the reference by its own check: {found}"
