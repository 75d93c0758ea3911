"""Every diagram on the site is drawn from the real objects the code builds."""

from __future__ import annotations

import re

import pytest

from tools.generated import diagrams
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/autograd"])


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
