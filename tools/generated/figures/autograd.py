"""Plots of the autograd chapter, drawn from its snippets' own functions."""

from __future__ import annotations

from tools.generated.plots import Chart, Line, Plot, run_snippet


def _finite_difference_error() -> list[Chart]:
    errors = run_snippet("autograd/finite_difference_step.py")["errors"]
    import torch

    steps = [10.0 ** (-k / 4) for k in range(4, 33)]  # h from 1e-1 to 1e-8, four per decade
    rows = [errors(h, torch.float64) + errors(h, torch.float32) for h in steps]
    names = ["forward, float64", "central, float64", "forward, float32", "central, float32"]
    return [
        Chart(
            title="Finite-difference error for f(x) = x³ at x = 1.5",
            xlabel="step h",
            ylabel="|estimate − 6.75|",
            lines=[Line(name, steps, [row[i] for row in rows], dashed="float32" in name) for i, name in enumerate(names)],
            logx=True,
            logy=True,
        )
    ]


PLOTS = [Plot("autograd/plots/finite-difference-error", _finite_difference_error)]
