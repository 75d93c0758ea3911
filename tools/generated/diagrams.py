"""Diagrams drawn from the real objects, never by hand.

Each diagram runs a snippet, walks what it built (an autograd graph, a module) and writes a
mermaid file under snippets/ that a page includes. `python3 dev.py regen` rewrites them;
tests/test_diagrams.py fails when a committed diagram no longer matches the code.
"""

from __future__ import annotations

import contextlib
import io
import runpy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools.paths import SNIPPETS


def run_snippet(rel: str) -> dict:
    """Run snippets/<rel> quietly and return its globals. In the kernel matrix, the first snippet a
    drawing runs is run as its own check runs it, and that run stands for the check as well
    (tools/engine/runner.py: first_snippet_run)."""
    from tools.engine.runner import first_snippet_run

    ran = first_snippet_run(SNIPPETS / rel)
    if ran is not None:
        return dict(ran)
    with contextlib.redirect_stdout(io.StringIO()):
        return runpy.run_path(str(SNIPPETS / rel), run_name="__main__")


def autograd_edges(root, names: dict) -> list[tuple[str, str]]:
    """(node, next_node) edges of the backward graph of `root`, as autograd stores them.

    Walks `grad_fn.next_functions` from the output down to the leaves' AccumulateGrad nodes.
    Nodes are named by class (numbered if a class repeats); AccumulateGrad by its leaf's name.
    """
    labels: dict[int, str] = {}
    counts: dict[str, int] = {}
    leaf_names = {id(tensor): name for name, tensor in names.items()}

    def label(node) -> str:
        if id(node) not in labels:
            if type(node).__name__ == "AccumulateGrad":
                labels[id(node)] = f"AccumulateGrad_{leaf_names[id(node.variable)]}"
            else:
                base = type(node).__name__
                counts[base] = counts.get(base, 0) + 1
                labels[id(node)] = base if counts[base] == 1 else f"{base}_{counts[base]}"
        return labels[id(node)]

    return [(label(node), label(next_node)) for node, next_node in _graph_edges(root)]


def _graph_edges(root) -> list[tuple]:
    """The (node, next_node) pairs of root's backward graph, breadth-first from root.grad_fn."""
    edges, queue, seen = [], [root.grad_fn], set()
    while queue:
        node = queue.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        for next_node, _ in node.next_functions:
            if next_node is not None:
                edges.append((node, next_node))
                queue.append(next_node)
    return edges


def edge_gradients(root) -> list[float]:
    """The gradient each `next_functions` edge carries when backward() starts from d(root)/d(root) = 1.

    Computed by calling the real graph's nodes (before any backward() frees them), in the
    order autograd_edges lists the edges; a node reached twice sums what arrives.
    """
    import torch

    order, seen = [], set()

    def visit(node):  # depth-first post-order, reversed below: each node before its inputs
        if id(node) in seen:
            return
        seen.add(id(node))
        for next_node, _ in node.next_functions:
            if next_node is not None:
                visit(next_node)
        order.append(node)

    visit(root.grad_fn)
    incoming = {id(root.grad_fn): torch.ones_like(root)}
    carried: dict[tuple[int, int], float] = {}
    for node in reversed(order):
        if not node.next_functions:
            continue
        outputs = node(incoming[id(node)])
        outputs = outputs if isinstance(outputs, tuple) else (outputs,)
        for (next_node, _), grad in zip(node.next_functions, outputs):
            if next_node is not None:
                carried[(id(node), id(next_node))] = grad.item()
                incoming[id(next_node)] = incoming.get(id(next_node), 0) + grad
    return [carried[(id(node), id(next_node))] for node, next_node in _graph_edges(root)]


def autograd_mermaid(root_name: str, root, names: dict, values: dict[str, str]) -> str:
    """Top to bottom, the way backward() walks: output, grad_fn nodes, AccumulateGrad, leaves.

    Each solid arrow is labelled with the gradient it carries, computed by the real nodes.
    """
    grads = edge_gradients(root)
    edges = autograd_edges(root, names)
    lines = ["flowchart TB"]
    lines.append(f'    {root_name}(["{root_name} = {values[root_name]}"])')
    for node in dict.fromkeys(n for edge in edges for n in edge):
        if node.startswith("AccumulateGrad_"):
            leaf = node.removeprefix("AccumulateGrad_")
            lines.append(f'    {node}["AccumulateGrad<br/>adds into {leaf}.grad"]')
        else:
            lines.append(f'    {node}["{node}"]')
    for name in names:
        lines.append(f'    {name}(["{name} = {values[name]}<br/>leaf"])')
    lines.append(f"    {root_name} -.->|grad_fn, seeded with 1| {type(root.grad_fn).__name__}")
    for (node, next_node), grad in zip(edges, grads):
        lines.append(f'    {node} -->|"{grad:g}"| {next_node}')
    for name in names:
        lines.append(f"    AccumulateGrad_{name} -.->|\"{name}.grad\"| {name}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Diagram:
    path: Path
    render: Callable[[], str]


def _backprop_graph() -> str:
    ns = run_snippet("autograd/walk_graph.py")
    leaves = {"x": ns["x"], "y": ns["y"], "z": ns["z"]}
    values = {k: f"{v.item():g}" for k, v in {**leaves, "f": ns["f"]}.items()}
    return autograd_mermaid("f", ns["f"], leaves, values)


DIAGRAMS = [
    Diagram(SNIPPETS / "autograd" / "backprop_graph.mmd", _backprop_graph),
]
