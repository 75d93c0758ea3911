"""Plots of the training chapter, drawn from its snippets' own numbers."""

from __future__ import annotations

import functools
import math

from tools.generated.plots import Chart, Line, Plot, Points, Regions, run_snippet

LAYERS = list(range(1, 21))


@functools.cache
def _classifier_run() -> dict:
    """The globals of the classifier's training run (two plots use it; it runs once)."""
    return run_snippet("training/train_classifier.py")


def _gradient_norms() -> list[Chart]:
    norms = run_snippet("training/vanishing_measured.py")["norms"]
    big = run_snippet("training/exploding.py")["big"]
    return [
        Chart(
            title="Gradient norm of each layer's weight",
            xlabel="layer (1: input side, 20: loss side)",
            ylabel="‖∂L/∂W‖",
            lines=[
                Line("sigmoid", LAYERS, norms["sigmoid"]),
                Line("ReLU", LAYERS, norms["ReLU"]),
                Line("ReLU, weights × 4", LAYERS, big, dashed=True),
            ],
            logy=True,
        )
    ]


def _fixes() -> list[Chart]:
    rows = run_snippet("training/fixes_summary.py")["rows"]
    shown = ["sigmoid", "ReLU", "ReLU + Kaiming init", "tanh + Xavier init", "ReLU + LayerNorm", "ReLU + residual"]
    return [
        Chart(
            title="The same 20-layer network, with each fix",
            xlabel="layer",
            ylabel="‖∂L/∂W‖",
            lines=[Line(name, LAYERS, rows[name], dashed=name in ("sigmoid", "ReLU")) for name in shown],
            logy=True,
        )
    ]


def _loss_curve() -> list[Chart]:
    losses = _classifier_run()["losses"]
    steps = list(range(1, len(losses) + 1))
    per_epoch = [sum(losses[i : i + 12]) / 12 for i in range(0, len(losses), 12)]
    return [
        Chart(
            title="Training loss, two spirals, Adam, batches of 50",
            xlabel="step",
            ylabel="cross-entropy loss",
            lines=[
                Line("loss of each batch", steps, losses),
                Line("mean over each epoch", [12 * (i + 1) for i in range(len(per_epoch))], per_epoch, dashed=True),
            ],
            logy=True,
        )
    ]


def _decision_regions() -> list[Chart]:
    import torch

    run = _classifier_run()
    model, x_test, y_test = run["model"], run["x_test"], run["y_test"]
    grid = [-2.5 + 5.0 * i / 59 for i in range(60)]
    points = torch.tensor([[gx, gy] for gy in grid for gx in grid])
    model = model.cpu().eval()
    with torch.inference_mode():
        classes = model(points).argmax(dim=1).view(60, 60).tolist()
    series = []
    for label in (0, 1):
        chosen = x_test[y_test == label]
        series.append(Points(f"held-out, spiral {label}", chosen[:, 0].tolist(), chosen[:, 1].tolist()))
    return [
        Chart(
            title="What the trained model predicts",
            xlabel="x₁",
            ylabel="x₂",
            points=series,
            regions=Regions(grid, grid, classes),
            xlim=(-2.5, 2.5),
            ylim=(-2.5, 2.5),
        )
    ]


def _learning_rates() -> list[Chart]:
    curves = run_snippet("training/pitfall_lr.py")["curves"]

    def line(lr, last):
        finite = [(step, v) for step, v in enumerate(curves[lr][:last]) if math.isfinite(v)]
        return Line(f"SGD, lr {lr:g}", [s for s, _ in finite], [v for _, v in finite])

    return [
        Chart(
            title="The first 12 steps, three learning rates",
            xlabel="step",
            ylabel="training loss",
            lines=[line(lr, 12) for lr in curves],
            logy=True,
        ),
        Chart(
            title="All 150 steps, without lr 30, up to 10",
            xlabel="step",
            ylabel="training loss",
            lines=[line(lr, None) for lr in curves if lr != 30.0],
            logy=True,
            ylim=(0.1, 10),  # the spike of lr 12 leaves the panel: the plateau after it shows
        ),
    ]


def _histogram(values: list[float], lo: float, hi: float, bins: int) -> tuple[list[float], list[float]]:
    """Bin centres and the percentage of the values in each bin (values outside go to the end bins)."""
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int((v - lo) / (hi - lo) * bins)))] += 1
    width = (hi - lo) / bins
    return [lo + (i + 0.5) * width for i in range(bins)], [100 * c / len(values) for c in counts]


def _activation_histograms() -> list[Chart]:
    """The snippet's networks and batch, run forward in float64 on the CPU: float32 activations differ in
    their last bits between CPU kernels, enough to move a value across a bin edge and change the file."""
    import torch

    run = run_snippet("training/activation_stats.py")
    charts = []
    for name, lo, title in [("sigmoid", 0.0, "sigmoid, default init"), ("tanh + Xavier init", -1.0, "tanh, Xavier init (gain 5/3)")]:
        torch.manual_seed(1)
        model = run["SETUPS"][name]().cpu().double()
        outputs = run["activations"](model, run["x"].cpu().double())
        lines = []
        for layer in (1, 5, 10, 19):
            centres, shares = _histogram(outputs[layer - 1].flatten().tolist(), lo, 1.0, 50)
            lines.append(Line(f"layer {layer}", centres, shares))
        charts.append(Chart(title=title, xlabel="activation", ylabel="% of the values", lines=lines))
    return charts


def _update_ratios() -> list[Chart]:
    ratios = run_snippet("training/update_ratio.py")["ratios"]
    lines = []
    for lr, per_step in ratios.items():  # the first 30 steps: later, runs drift apart between CPUs
        lines.append(Line(f"Adam, lr {lr:g}", list(range(1, 31)), [r[1] for r in per_step[:30]]))
    return [
        Chart(
            title="Update-to-data ratio of layer 2, first 30 steps",
            xlabel="step",
            ylabel="‖ΔW‖ / ‖W‖",
            lines=lines,
            logy=True,
        )
    ]


def _early_stopping() -> list[Chart]:
    run = run_snippet("training/validation_curves.py")
    losses, best = run["losses"], run["best_step"]
    steps = list(range(1, 101))  # later steps are chaotic: they differ between CPUs
    return [
        Chart(
            title="Train and validation loss, the first 100 steps",
            xlabel="step",
            ylabel="cross-entropy loss",
            lines=[
                Line("training split", steps, losses["train"][:100]),
                Line("validation split", steps, losses["validation"][:100]),
            ],
            points=[Points("lowest validation loss", [best], [losses["validation"][best - 1]])],
            ylim=(0.0, 0.8),
        )
    ]


def _warmup() -> list[Chart]:
    run = run_snippet("training/warmup.py")
    curves, factor = run["curves"], run["warmup_cosine"](20, 300)
    steps = list(range(1, 301))
    return [
        Chart(
            title="Learning rate of each step",
            xlabel="step",
            ylabel="learning rate",
            lines=[Line("constant", steps, [0.1] * 300), Line("warm-up, then cosine", steps, [0.1 * factor(s - 1) for s in steps])],
        ),
        Chart(  # 40 steps: from about step 60 on, these runs are chaotic and differ between CPUs
            title="Training loss at lr 0.1, first 40 steps",
            xlabel="step",
            ylabel="training loss",
            lines=[
                Line("constant", steps[:40], curves[0.1, "constant"][:40]),
                Line("warm-up, then cosine", steps[:40], curves[0.1, "warm-up"][:40]),
            ],
            logy=True,
        ),
    ]


PLOTS = [
    Plot("training/plots/gradient-norms", _gradient_norms),
    Plot("training/plots/fixes", _fixes),
    Plot("training/plots/loss-curve", _loss_curve),
    Plot("training/plots/decision-regions", _decision_regions),
    Plot("training/plots/learning-rates", _learning_rates, columns=2),
    Plot("training/plots/activation-histograms", _activation_histograms, columns=2),
    Plot("training/plots/update-ratios", _update_ratios),
    Plot("training/plots/early-stopping", _early_stopping),
    Plot("training/plots/warmup", _warmup, columns=2),
]
