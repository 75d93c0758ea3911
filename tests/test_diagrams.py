"""Every diagram on the site is drawn from the real objects the code builds."""

from __future__ import annotations

import re

import pytest

from tools import diagrams, outputs
from tools.paths import ROOT, generated_files, rel

GENERATED = generated_files()


@pytest.mark.parametrize("path", [p for p, _ in GENERATED], ids=[rel(p) for p, _ in GENERATED])
def test_every_generated_file_equals_its_rendering(path, generated_renderings):
    """Diagrams and plots are checked like snippets: the file must equal what the code draws now."""
    result = generated_renderings[path]
    if not result.ok:
        pytest.fail(result.error, pytrace=False)
    if message := outputs.mismatch(path, path.read_text() if path.exists() else None, result.rendering):
        pytest.fail(message, pytrace=False)


def test_a_stale_diagram_fails_naming_the_line_and_the_regen_command(generated_renderings):
    path = ROOT / "snippets/autograd/backprop_graph.mmd"
    fresh = generated_renderings[path].rendering
    stale = fresh.replace('MulBackward0 -->|"-2"| AddBackward0', 'MulBackward0 -->|"-3"| AddBackward0')
    assert stale != fresh
    line = stale.splitlines().index('    MulBackward0 -->|"-3"| AddBackward0') + 1
    message = outputs.mismatch(path, stale, fresh)
    assert message.startswith(f"snippets/autograd/backprop_graph.mmd:{line}: ")
    assert '-    MulBackward0 -->|"-3"| AddBackward0\n+    MulBackward0 -->|"-2"| AddBackward0' in message
    assert "python3 dev.py regen snippets/autograd/backprop_graph.mmd" in message
    missing = outputs.mismatch(path, None, fresh)
    assert missing.endswith("run `python3 dev.py regen snippets/autograd/backprop_graph.mmd`.")


def test_graph_diagram_matches_grad_fn():
    """The page's picture of f = (x + y) * z has exactly the edges of f.grad_fn's real graph."""
    ns = diagrams.run_snippet("autograd/walk_graph.py")
    text = (ROOT / "snippets/autograd/backprop_graph.mmd").read_text()
    drawn = set(re.findall(r"^\s+(\w+) -->\|[^|]*\| (\w+)$", text, re.M))
    real = set(diagrams.autograd_edges(ns["f"], {"x": ns["x"], "y": ns["y"], "z": ns["z"]}))
    assert drawn == real
    assert real == {
        ("MulBackward0", "AddBackward0"),
        ("MulBackward0", "AccumulateGrad_z"),
        ("AddBackward0", "AccumulateGrad_x"),
        ("AddBackward0", "AccumulateGrad_y"),
    }
    assert "f -.->|grad_fn, seeded with 1| MulBackward0" in text


def test_graph_diagram_edges_carry_the_chain_rule_gradients():
    """The labels are the hand-derived upstream-times-local gradients of the page."""
    ns = diagrams.run_snippet("autograd/walk_graph.py")
    edges = diagrams.autograd_edges(ns["f"], {"x": ns["x"], "y": ns["y"], "z": ns["z"]})
    carried = dict(zip(edges, diagrams.edge_gradients(ns["f"])))
    assert carried == {
        ("MulBackward0", "AddBackward0"): -2.0,  # df/dq = z
        ("MulBackward0", "AccumulateGrad_z"): 2.0,  # df/dz = q
        ("AddBackward0", "AccumulateGrad_x"): -2.0,  # df/dq * 1
        ("AddBackward0", "AccumulateGrad_y"): -2.0,
    }
