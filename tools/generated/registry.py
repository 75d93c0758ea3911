"""The registry of generated files: every file the code draws, with the function that draws it.

* diagrams: tools/generated/diagrams.py (`DIAGRAMS`, mermaid files under snippets/);
* plots: one module per chapter in tools/generated/figures/, each with `PLOTS`, drawn by tools/generated/plots.py
  into `docs/<chapter>/plots/`, a file per colour scheme.

This module sits at the top: it imports the drawing code, which imports only the leaves below it
(tools/paths.py). A new figure module is added to `FIGURES` here; tests/test_plots.py fails when
a module in tools/generated/figures/ is missing from it. Importing this costs no torch: the figures import
torch only when they draw.
"""

from __future__ import annotations

from pathlib import Path

from tools.generated import diagrams, plots
from tools.generated.diagrams import Diagram
from tools.generated.figures import activations, autograd, images, training
from tools.generated.plots import Plot

FIGURES = (activations, autograd, images, training)


def all_plots() -> list[Plot]:
    """Every plot of every chapter (tools/generated/figures/<chapter>.py's `PLOTS`), by path."""
    return sorted((plot for module in FIGURES for plot in module.PLOTS), key=lambda p: p.path)


def generated() -> list[Diagram]:
    """Every generated file (`.path`), with the function that draws it (`.render() -> str`)."""
    return [*diagrams.DIAGRAMS, *plots.outputs(all_plots())]


def generated_files() -> list[Path]:
    return [item.path for item in generated()]


def render_generated(path: str | Path) -> str:
    """The text a generated file must hold (`render_in` has tools/engine/runner.py call this, by name, in
    a clean child)."""
    return next(item for item in generated() if item.path == Path(path)).render()


def render_in(runner, paths: list[Path], first_runs: dict | None = None) -> list:
    """Render generated files in `runner`'s clean children (tools/engine/runner.py), one child per drawing,
    so that a plot's light and dark variants share one computation, and one child for the plots that
    name the same `shares` (tools/generated/plots.py): a Result per path, in order.

    `first_runs` (a dict): each child runs the first snippet its drawing needs as that snippet's own
    check does, and the snippet's Result is put here, by path, when the child ended cleanly. The
    kernel matrix then need not run that snippet again under the same variant."""
    from tools.engine.runner import result_of

    drawing = {path: plot.shares or plot.path for plot in all_plots() for path in plot.files().values()}
    groups: dict[str | Path, list[Path]] = {}
    for path in map(Path, paths):
        groups.setdefault(drawing.get(path, path), []).append(path)  # a diagram is its own drawing
    answers = runner.call("tools.generated.registry:render_generated", list(groups.values()), "drawing it",
                          first_run=first_runs is not None)
    results = {}
    for group, answer in zip(groups.values(), answers):
        ran = answer.get("first_run")
        clean = not any(answer.get(k) for k in ("error", "stderr", "stray_stdout"))
        if first_runs is not None and ran and clean and ran.get("rendering") is not None:
            snippet = Path(ran["path"])
            first_runs[snippet] = result_of(snippet, {"rendering": ran["rendering"], "seconds": 0.0})
        for path in group:
            rendering = answer.get("values", {}).get(str(path))
            results[path] = result_of(path, {**answer, "rendering": rendering} if rendering is not None else answer)
    return [results[Path(p)] for p in paths]
