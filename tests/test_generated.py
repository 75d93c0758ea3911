"""Every generated file (diagrams: tools/generated/diagrams.py; plots: tools/generated/plots.py, tools/generated/figures/) equals
what its code draws now, checked by the outputs engine like a snippet: each file is drawn in a clean
child process (tools/engine/runner.py), compared whole, and a stale file fails with a diff naming its line
and the command that rewrites it."""

from __future__ import annotations

import pytest

from tools.engine import outputs
from tools.generated import registry as generated
from tools.generated.registry import generated_files
from tools.paths import ROOT, rel

GENERATED = generated_files()


@pytest.mark.reads("path")
@pytest.mark.parametrize("path", GENERATED, ids=[rel(p) for p in GENERATED])
def test_every_generated_file_equals_its_rendering(path, generated_renderings):
    """Diagrams and plots are checked like snippets: the file must equal what the code draws now."""
    result = generated_renderings[path]
    if not result.ok:
        pytest.fail(result.error, pytrace=False)
    if message := outputs.compare(path, path.read_text() if path.exists() else None, result.rendering):
        pytest.fail(message, pytrace=False)


@pytest.mark.reads(files=["snippets/autograd"])
def test_a_stale_diagram_fails_naming_the_line_and_the_regen_command(runner):
    path = ROOT / "snippets/autograd/backprop_graph.mmd"
    (drawn,) = generated.render_in(runner, [path])
    fresh = drawn.rendering
    stale = fresh.replace('MulBackward0 -->|"-2"| AddBackward0', 'MulBackward0 -->|"-3"| AddBackward0')
    assert stale != fresh
    line = stale.splitlines().index('    MulBackward0 -->|"-3"| AddBackward0') + 1
    message = outputs.compare(path, stale, fresh)
    assert message.startswith(f"snippets/autograd/backprop_graph.mmd:{line}: ")
    assert '-    MulBackward0 -->|"-3"| AddBackward0\n+    MulBackward0 -->|"-2"| AddBackward0' in message
    assert "python3 dev.py regen snippets/autograd/backprop_graph.mmd" in message
    missing = outputs.compare(path, None, fresh)
    assert missing.endswith("run `python3 dev.py regen snippets/autograd/backprop_graph.mmd`.")


@pytest.mark.reads(files=["tools/generated"])
def test_plots_that_share_a_computation_are_drawn_in_one_child():
    """A plot's light and dark files go to one child; so do all the files of the plots that name the
    same `shares` (the confusion matrix and the mistakes both need images/evaluate.py's run, which
    trains a network): the computation runs once per rendering, not once per figure."""

    class Recording:
        def call(self, function, groups, doing, warm=(), first_run=False):
            self.groups = [[rel(p) for p in group] for group in groups]
            return [{"values": {str(p): "drawn" for p in group}} for group in groups]

    runner = Recording()
    evaluation = [p for p in GENERATED if p.stem.startswith(("confusion-matrix", "misclassified"))]
    examples = [p for p in GENERATED if p.stem.startswith("examples")]
    assert len(evaluation) == 4 and len(examples) == 2
    results = generated.render_in(runner, examples + evaluation)
    assert [r.rendering for r in results] == ["drawn"] * 6
    assert sorted(map(sorted, runner.groups)) == sorted([sorted(rel(p) for p in examples), sorted(rel(p) for p in evaluation)])
