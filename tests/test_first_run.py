"""The kernel matrix takes a snippet's rendering from the child that drew a plot from it
(tools/engine/runner.py: first_snippet_run), only when that run is the snippet's own: the first
thing the child ran, from the state a new child starts in."""

from __future__ import annotations

import pytest

PROBE = "tests.support.first_run_probe"
SNIPPET = """import torch

total = torch.ones(3).sum().item()
print(total)
#> 3.0
"""


@pytest.fixture
def snippet(tmp_path):
    path = tmp_path / "plant.py"
    path.write_text(SNIPPET)
    return path


def _call(runner, function: str, paths, first_run: bool = True) -> dict:
    [answer] = runner.call(f"{PROBE}:{function}", [paths], "probing", first_run=first_run)
    assert not answer.get("error"), answer
    return answer


@pytest.mark.reads(files=["tools/engine/runner.py", "tests/support/first_run_probe.py"])
def test_a_drawings_first_snippet_is_rendered_as_its_own_check_renders_it(runner, snippet):
    answer = _call(runner, "plain", [snippet])
    assert answer["values"][str(snippet)] == ["torch", "total"]
    assert answer["first_run"] == {"path": str(snippet.resolve()), "rendering": SNIPPET}
    [own] = runner.render_files([snippet])
    assert own.rendering == answer["first_run"]["rendering"]


@pytest.mark.reads(files=["tools/engine/runner.py", "tests/support/first_run_probe.py"])
def test_a_snippet_run_after_the_child_changed_its_state_is_not_taken(runner, snippet, tmp_path):
    second = tmp_path / "second.py"
    second.write_text(SNIPPET)
    assert "first_run" not in _call(runner, "after_random", [snippet])  # its random numbers moved on
    assert _call(runner, "after_random", [snippet])["values"][str(snippet)] is None
    answer = _call(runner, "plain", [snippet, second])  # the second is no child's first
    assert answer["first_run"]["path"] == str(snippet.resolve())
    assert answer["values"][str(second)] is None
    assert "first_run" not in _call(runner, "plain", [snippet], first_run=False)  # only when asked


@pytest.mark.reads(files=["tools/engine/runner.py", "tests/support/first_run_probe.py"])
def test_a_failing_snippet_fails_the_drawing_naming_its_line(runner, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import torch\n\nprint(torch.ones(2) @ torch.ones(3))\n")
    [answer] = runner.call(f"{PROBE}:plain", [[broken]], "drawing it", first_run=True)
    assert "broken.py:3: raised RuntimeError" in answer["error"]
    assert "broken.py:3: raised RuntimeError" in answer["first_run"]["error"]
