"""Plots of the activations chapter, drawn from its snippets' own functions and models."""

from __future__ import annotations

from tools.generated.plots import Chart, Line, Plot, Points, Regions, run_snippet


def _grid(lo: float, hi: float, n: int) -> list[float]:
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def _curves() -> list[Chart]:
    import torch

    activations = run_snippet("activations/derivatives.py")["ACTIVATIONS"]
    xs = _grid(-4.0, 4.0, 161)
    x = torch.tensor(xs)
    charts = []
    for name, (f, derivative) in activations.items():
        charts.append(
            Chart(
                title=name,
                xlabel="x",
                ylabel="",
                lines=[
                    Line(f"{name}(x)", xs, f(x).tolist()),
                    Line(f"{name}'(x)", xs, derivative(x).tolist(), dashed=True),
                ],
                xlim=(-4, 4),
                ylim=(-1.5, 4),
            )
        )
    return charts


def _trained_in_float64(ns: dict, name: str):
    """The snippet's model trained again as the snippet trains it (same initial weights, data, optimizer
    and steps), in float64. Its float32 run drifts between CPUs by enough that a grid cell next to a
    decision boundary changed class on some of them; in float64 the drift is 1e-16 and the regions
    are the same everywhere, while the boundaries are the float32 model's to well under a cell."""
    import torch
    from torch import nn

    torch.manual_seed(1)
    model = ns["make"](getattr(nn, name)).double()  # the float32 initial weights, exactly
    x, y = ns["points"].double(), ns["labels"].double()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(300):
        loss = nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return model


def _xor_boundaries() -> list[Chart]:
    import torch

    ns = run_snippet("activations/xor_linear_vs_relu.py")
    points, labels = ns["points"], ns["labels"]
    xs = _grid(-1.0, 1.0, 61)
    grid = torch.tensor([[x, y] for y in xs for x in xs])
    charts = []
    for name, title in [("Identity", "Linear only: 51 % accuracy"), ("ReLU", "Linear + ReLU: 100 % accuracy")]:
        model = _trained_in_float64(ns, name)
        with torch.no_grad():
            predicted = (model(grid.double()).squeeze(1) > 0).int().tolist()
        classes = [predicted[row * len(xs) : (row + 1) * len(xs)] for row in range(len(xs))]
        charts.append(
            Chart(
                title=title,
                xlabel="x₁",
                ylabel="x₂",
                regions=Regions(xs, xs, classes),
                points=[
                    Points(f"class {c}", points[labels == c, 0].tolist(), points[labels == c, 1].tolist())
                    for c in (0, 1)
                ],
                xlim=(-1, 1),
                ylim=(-1, 1),
            )
        )
    return charts


def _mse_vs_ce() -> list[Chart]:
    import torch

    losses = run_snippet("activations/mse_on_probabilities.py")["LOSSES"]
    zs = _grid(-10.0, 4.0, 141)
    values, grads = {}, {}
    for name, loss_of in losses.items():
        values[name], grads[name] = [], []
        for at in zs:
            z = torch.tensor([at], requires_grad=True)
            loss = loss_of(z)
            loss.backward()
            values[name].append(loss.item())
            grads[name].append(-z.grad.item())
    labels = {"MSE": "MSE on σ(z)", "CE": "cross-entropy"}
    return [
        Chart(
            title="Loss for true class 1",
            xlabel="logit z",
            ylabel="loss",
            lines=[Line(labels[n], zs, values[n], dashed=n == "MSE") for n in losses],
            ylim=(0, 4),
        ),
        Chart(
            title="Push on the logit: −dloss/dz",
            xlabel="logit z",
            ylabel="−dloss/dz",
            lines=[Line(labels[n], zs, grads[n], dashed=n == "MSE") for n in losses],
            ylim=(0, 1.05),
        ),
    ]


PLOTS = [
    Plot("activations/plots/curves", _curves, columns=2),
    Plot("activations/plots/xor-boundaries", _xor_boundaries, columns=2),
    Plot("activations/plots/mse-vs-ce", _mse_vs_ce, columns=2),
]
