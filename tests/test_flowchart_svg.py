"""The build draws every mermaid diagram as SVG (tools/site/flowchart_svg.py): what it draws is what
the mermaid source says, so the graph page still shows the real grad_fn graph."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tools.generated import diagrams
from tools.paths import ROOT
from tools.site.flowchart_svg import FlowchartError, parse, render

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/autograd/backprop_graph.mmd"])

SVG = "{http://www.w3.org/2000/svg}"


def _drawn(svg: str) -> tuple[list[str], int, list[str]]:
    root = ET.fromstring(svg)
    texts = ["\n".join(span.text or "" for span in t.iter(f"{SVG}tspan")) for t in root.iter(f"{SVG}text")]
    nodes = [t for t in root.iter(f"{SVG}text") if t.get("class") == "notes-node-text"]
    node_labels = ["\n".join(span.text or "" for span in t.iter(f"{SVG}tspan")) for t in nodes]
    return node_labels, len(list(root.iter(f"{SVG}line"))), texts


def test_the_graph_page_svg_has_every_node_and_edge_of_the_real_graph():
    source = (ROOT / "snippets/autograd/backprop_graph.mmd").read_text()
    chart = parse(source)
    ns = diagrams.run_snippet("autograd/walk_graph.py")
    real = set(diagrams.autograd_edges(ns["f"], {"x": ns["x"], "y": ns["y"], "z": ns["z"]}))
    assert real <= {(e.source, e.target) for e in chart.edges}
    labels, lines, texts = _drawn(render(source))
    assert lines == len(chart.edges)
    assert "MulBackward0" in labels and "AccumulateGrad\nadds into x.grad" in labels
    assert len(labels) == len(chart.nodes)
    for gradient in diagrams.edge_gradients(ns["f"]):
        assert f"{gradient:g}" in texts  # each edge's gradient label is drawn


def test_every_node_sits_inside_the_drawing_and_nodes_do_not_overlap():
    chart = parse((ROOT / "snippets/autograd/backprop_graph.mmd").read_text())
    svg = render((ROOT / "snippets/autograd/backprop_graph.mmd").read_text())
    width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    boxes = [(n.x - n.w / 2, n.y - n.h / 2, n.x + n.w / 2, n.y + n.h / 2) for n in chart.nodes.values()]
    for x0, y0, x1, y1 in boxes:
        assert 0 <= x0 and x1 <= width and 0 <= y0 and y1 <= height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


@pytest.mark.parametrize(
    "source",
    ["sequenceDiagram\n  A->>B: hi", "flowchart TB\n  A --> B\n  B --> A", "flowchart LR\n  A{{hex}} --> B"],
)
def test_an_unsupported_diagram_fails_instead_of_drawing_wrong(source):
    with pytest.raises(FlowchartError):
        render(source)
