"""Mermaid flowcharts drawn as inline SVG at build time: no diagram runtime in the browser.

The site's diagrams are small flowcharts (a handful of nodes). Loading the mermaid runtime
(3.5 MB of JavaScript) to draw one of them made a page slow on a phone, so the build hook
(tools/site/hooks/maths_diagrams.py) turns every ```` ```mermaid ```` fence into the SVG drawn here. The
source stays mermaid, so `tools/generated/diagrams.py` and its tests are unchanged.

Supported subset (what the pages use): `flowchart TB|TD|LR|BT|RL`; nodes `id`, `id["label"]`,
`id("label")`, `id(["label"])`, `id{"label"}`; edges `-->`, `-.->`, `==>`, `---`, with a label as
`-->|label|`, `-- "label" -->` or `-. "label" .->`; `<br/>` in labels. Anything else is an
error that names the line, so an unsupported diagram fails the build instead of drawing wrong.

Layout: nodes are ranked by longest path from a source, ordered within a rank by the mean
position of their parents, and edges are straight arrows with their label at the middle.
Colours come from CSS variables (docs/assets/stylesheets/notes.css), so the picture follows the
light and dark schemes.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field

FONT_PX = 14
CHAR_PX = 7.6  # average advance of the system sans-serif at 14 px, a little generous
LINE_PX = 18
PAD_X, PAD_Y = 14, 9
GAP_MAIN, GAP_CROSS = 70, 28
MARGIN = 8

SHAPES = [  # (opening, closing, shape), longest opening first
    ('(["', '"])', "stadium"),
    ('("', '")', "round"),
    ('["', '"]', "rect"),
    ('{"', '"}', "rhombus"),
    ("([", "])", "stadium"),
    ("(", ")", "round"),
    ("[", "]", "rect"),
    ("{", "}", "rhombus"),
]
NODE = re.compile(r"^(?P<id>[A-Za-z_][\w]*)(?P<rest>.*)$")
ARROWS = re.compile(
    r"""\s*(?:
        (?P<solid>-->|==>|---)(?:\|(?P<l1>[^|]*)\|)?
      | (?P<dotted>-\.->)(?:\|(?P<l2>[^|]*)\|)?
      | --\s*"(?P<l3>[^"]*)"\s*-->
      | -\.\s*"(?P<l4>[^"]*)"\s*\.->
    )\s*""",
    re.X,
)


class FlowchartError(ValueError):
    pass


@dataclass
class Node:
    id: str
    label: str
    shape: str = "rect"
    rank: int = 0
    order: float = 0.0
    w: float = 0.0
    h: float = 0.0
    x: float = 0.0  # centre
    y: float = 0.0


@dataclass
class Edge:
    source: str
    target: str
    label: str = ""
    dotted: bool = False
    arrow: bool = True


@dataclass
class Flowchart:
    direction: str = "TB"
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text


def _node(chart: Flowchart, text: str, where: str) -> str:
    text = text.strip()
    match = NODE.match(text)
    if not match:
        raise FlowchartError(f"{where}: cannot read a node in {text!r}")
    node_id, rest = match["id"], match["rest"].strip()
    label, shape = None, "rect"
    if rest:
        for opening, closing, kind in SHAPES:
            if rest.startswith(opening) and rest.endswith(closing):
                label, shape = rest[len(opening) : len(rest) - len(closing)], kind
                quoted = opening.endswith('"')
                if (quoted and '"' in label) or (not quoted and re.search(r'[][(){}"]', label)):
                    raise FlowchartError(f"{where}: unsupported node shape or label {rest!r}")
                break
        else:
            raise FlowchartError(f"{where}: unsupported node shape {rest!r}")
    if node_id not in chart.nodes:
        chart.nodes[node_id] = Node(node_id, node_id)
    if label is not None:
        chart.nodes[node_id].label = label
        chart.nodes[node_id].shape = shape
    return node_id


def parse(source: str) -> Flowchart:
    lines = [line.strip() for line in source.strip().splitlines()]
    lines = [line for line in lines if line and not line.startswith("%%")]
    if not lines:
        raise FlowchartError("empty diagram")
    head = lines[0].split()
    if head[0] not in ("flowchart", "graph") or len(head) != 2 or head[1] not in ("TB", "TD", "LR", "BT", "RL"):
        raise FlowchartError(f"line 1: only `flowchart TB|TD|LR|BT|RL` is supported, not {lines[0]!r}")
    chart = Flowchart(direction="TB" if head[1] == "TD" else head[1])
    for number, line in enumerate(lines[1:], start=2):
        where = f"line {number}"
        matches = list(ARROWS.finditer(line))
        if not matches:
            _node(chart, line, where)
            continue
        # re.split with groups interleaves the captured groups: rebuild the node texts instead.
        texts, last = [], 0
        for match in matches:
            texts.append(line[last : match.start()])
            last = match.end()
        texts.append(line[last:])
        ids = [_node(chart, text, where) for text in texts]
        for (source, target), match in zip(zip(ids, ids[1:]), matches):
            label = next((match[g] for g in ("l1", "l2", "l3", "l4") if match[g] is not None), "")
            dotted = bool(match["dotted"]) or match["l4"] is not None
            arrow = match["solid"] != "---"
            chart.edges.append(Edge(source, target, _unquote(label), dotted, arrow))
    return chart


def _text_lines(label: str) -> list[str]:
    return [html.unescape(part) for part in re.split(r"<br\s*/?>", _unquote(label))]


def _size(lines: list[str]) -> tuple[float, float]:
    width = max(len(line) for line in lines) * CHAR_PX
    return width, len(lines) * LINE_PX


def layout(chart: Flowchart) -> tuple[float, float]:
    """Place the nodes; return the drawing's width and height."""
    horizontal = chart.direction in ("LR", "RL")
    parents: dict[str, list[str]] = {n: [] for n in chart.nodes}
    for edge in chart.edges:
        parents[edge.target].append(edge.source)
    # Longest path from a source (the diagrams are DAGs; a cycle is an error).
    rank: dict[str, int] = {}

    def rank_of(node_id: str, stack: tuple = ()) -> int:
        if node_id in stack:
            raise FlowchartError(f"cycle through {node_id!r}: only acyclic flowcharts are drawn")
        if node_id not in rank:
            rank[node_id] = max((rank_of(p, stack + (node_id,)) + 1 for p in parents[node_id]), default=0)
        return rank[node_id]

    for index, node in enumerate(chart.nodes.values()):
        node.rank = rank_of(node.id)
        node.order = index
        w, h = _size(_text_lines(node.label))
        node.w, node.h = w + 2 * PAD_X, h + 2 * PAD_Y
        if node.shape == "stadium":
            node.w += node.h / 2
        if node.shape == "rhombus":
            node.w, node.h = node.w * 1.5, node.h * 1.5
    ranks: dict[int, list[Node]] = {}
    for node in chart.nodes.values():
        ranks.setdefault(node.rank, []).append(node)
    for r in sorted(ranks)[1:]:  # order each rank by its parents' mean position
        for node in ranks[r]:
            orders = [chart.nodes[p].order for p in parents[node.id]]
            node.order = sum(orders) / len(orders) if orders else node.order
        ranks[r].sort(key=lambda n: n.order)
        for index, node in enumerate(ranks[r]):
            node.order = index
    # Edge labels need room along the main axis.
    label_extent = max(
        (
            (_size(_text_lines(e.label))[0] if horizontal else _size(_text_lines(e.label))[1])
            for e in chart.edges
            if e.label
        ),
        default=0,
    )
    gap_main = GAP_MAIN + (label_extent if horizontal else label_extent * 0.5)
    main_pos, cross_extent = 0.0, 0.0
    rows = []
    for r in sorted(ranks):
        row = ranks[r]
        thickness = max((n.w if horizontal else n.h) for n in row)
        length = sum((n.h if horizontal else n.w) for n in row) + GAP_CROSS * (len(row) - 1)
        rows.append((row, main_pos + thickness / 2, length))
        cross_extent = max(cross_extent, length)
        main_pos += thickness + gap_main
    main_extent = main_pos - gap_main
    for row, centre, length in rows:
        cursor = (cross_extent - length) / 2
        for node in row:
            size = node.h if horizontal else node.w
            cross = cursor + size / 2
            cursor += size + GAP_CROSS
            node.x, node.y = (centre, cross) if horizontal else (cross, centre)
    width, height = (main_extent, cross_extent) if horizontal else (cross_extent, main_extent)
    if chart.direction in ("BT", "RL"):
        for node in chart.nodes.values():
            if horizontal:
                node.x = width - node.x
            else:
                node.y = height - node.y
    for node in chart.nodes.values():
        node.x += MARGIN
        node.y += MARGIN
    return width + 2 * MARGIN, height + 2 * MARGIN


def _border_point(node: Node, towards: tuple[float, float]) -> tuple[float, float]:
    """Where the segment from the node's centre to `towards` leaves the node's box."""
    dx, dy = towards[0] - node.x, towards[1] - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    scale = min(
        (node.w / 2) / abs(dx) if dx else float("inf"),
        (node.h / 2) / abs(dy) if dy else float("inf"),
    )
    return node.x + dx * scale, node.y + dy * scale


def _text(lines: list[str], x: float, y: float, cls: str) -> str:
    top = y - (len(lines) - 1) * LINE_PX / 2
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{top + i * LINE_PX:.1f}">{html.escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text class="{cls}" text-anchor="middle" dominant-baseline="central">{spans}</text>'


def _shape(node: Node) -> str:
    x0, y0 = node.x - node.w / 2, node.y - node.h / 2
    if node.shape == "rhombus":
        points = f"{node.x:.1f},{y0:.1f} {x0 + node.w:.1f},{node.y:.1f} {node.x:.1f},{y0 + node.h:.1f} {x0:.1f},{node.y:.1f}"
        return f'<polygon class="notes-node" points="{points}"/>'
    radius = {"stadium": node.h / 2, "round": 8, "rect": 2}[node.shape]
    return (
        f'<rect class="notes-node" x="{x0:.1f}" y="{y0:.1f}" width="{node.w:.1f}" height="{node.h:.1f}" '
        f'rx="{radius:.1f}"/>'
    )


def render(source: str, title: str = "Diagram") -> str:
    """The flowchart `source` (mermaid syntax) as one inline <svg> element."""
    chart = parse(source)
    width, height = layout(chart)
    marker_id = "notes-arrow-" + hashlib.sha1(source.encode()).hexdigest()[:8]  # unique per diagram
    parts = []
    for edge in chart.edges:
        a, b = chart.nodes[edge.source], chart.nodes[edge.target]
        x1, y1 = _border_point(a, (b.x, b.y))
        x2, y2 = _border_point(b, (a.x, a.y))
        dash = ' stroke-dasharray="5 4"' if edge.dotted else ""
        marker = f' marker-end="url(#{marker_id})"' if edge.arrow else ""
        parts.append(
            f'<line class="notes-edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"{dash}{marker}/>'
        )
    for edge in chart.edges:
        if not edge.label:
            continue
        a, b = chart.nodes[edge.source], chart.nodes[edge.target]
        lines = _text_lines(edge.label)
        w, h = _size(lines)
        mx, my = (a.x + b.x) / 2, (a.y + b.y) / 2
        parts.append(
            f'<rect class="notes-edge-label" x="{mx - w / 2 - 3:.1f}" y="{my - h / 2 - 1:.1f}" '
            f'width="{w + 6:.1f}" height="{h + 2:.1f}" rx="3"/>'
        )
        parts.append(_text(lines, mx, my, "notes-edge-text"))
    for node in chart.nodes.values():
        parts.append(_shape(node))
        parts.append(_text(_text_lines(node.label), node.x, node.y, "notes-node-text"))
    defs = (
        f'<defs><marker id="{marker_id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path class="notes-arrowhead" d="M0,0 L10,5 L0,10 z"/>'
        "</marker></defs>"
    )
    return (
        f'<svg class="notes-flowchart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'font-size="{FONT_PX}"><title>{html.escape(title)}</title>{defs}{"".join(parts)}</svg>'
    )
