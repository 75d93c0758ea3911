"""Every snippet runs as its own program (from an empty directory, warnings as errors, touched by
no other snippet: tools/engine/runner.py) and the file equals its rendering: the code with what it prints
placed as `#>` lines under the statements that print it (tools/engine/outputs.py). The selected snippets
are rendered in one batch that starts at collection (tests/conftest.py: `renderings`)."""

from __future__ import annotations

import pytest

from tools.engine import outputs
from tools.paths import rel, snippet_files

SNIPPETS = snippet_files()


@pytest.mark.reads("path")
@pytest.mark.parametrize("path", SNIPPETS, ids=[rel(p) for p in SNIPPETS])
def test_every_snippet_equals_its_rendering(path, renderings):
    result = renderings[path]
    if not result.ok:
        pytest.fail(result.error, pytrace=False)
    if message := outputs.compare(path, path.read_text(), result.rendering):
        pytest.fail(message, pytrace=False)
