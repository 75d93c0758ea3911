"""Plots of the training chapter, drawn from its snippets' own numbers."""

from __future__ import annotations

import functools
import math

from tools.generated.plots import Chart, Line, Plot, Points, Regions, run_snippet

LAYERS = list(range(1, 21))
CLASSIFIER = "training/train_classifier.py"
LOSS_SHAPES = "training/loss_shapes.py"


@functools.cache
def _classifier_run() -> dict:
    """The globals of the classifier's training run (two plots use it; they say `shares`, so it runs once)."""
    return run_snippet(CLASSIFIER)


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


@functools.cache
def _loss_shapes_run() -> dict:
    """The globals of the four learning rates' runs (two plots use them; they say `shares`, so they run once)."""
    return run_snippet(LOSS_SHAPES)


def _loss_shapes() -> list[Chart]:
    run = _loss_shapes_run()
    # Each run is drawn while it is the same on every CPU: lr 0.3 bounces chaotically from epoch 7
    # on, lr 30 from epoch 13 (the page prints what holds about the rest).
    shown = {1e-5: 20, 1e-2: 20, 0.3: 6, 30.0: 10}
    lines = []
    for lr, last in shown.items():
        losses = run["runs"][lr][1][:last]
        lines.append(Line(f"Adam, lr {lr:g}", list(range(1, last + 1)), losses, dashed=lr == 30.0))
    return [
        Chart(
            title="Training-set loss after each epoch",
            xlabel="epoch (12 steps of 50 examples)",
            ylabel="cross-entropy loss",
            lines=lines,
            logy=True,
            xlim=(0, 20),
        )
    ]


def _batch_noise() -> list[Chart]:
    """The spread of a batch's mean loss against the batch size: 2,000 random batches of each size,
    and sigma / sqrt(b) with the finite-population factor."""
    import torch

    run = _loss_shapes_run()
    each = run["each"].cpu().double()
    n = len(each)
    sizes = [2, 5, 10, 20, 50, 100, 200, 400]
    draw = torch.Generator().manual_seed(2)
    measured = []
    for b in sizes:
        picks = torch.rand(2000, n, generator=draw).argsort(dim=1)[:, :b]
        measured.append(each[picks].mean(dim=1).std().item())
    grid = [500 ** (i / 99) for i in range(100)]  # up to 500: at 600 the batch is the set
    predicted = [math.sqrt(each.var().item() * (n - b) / (n - 1) / b) for b in grid]
    return [
        Chart(
            title="How much a batch's loss varies",
            xlabel="batch size",
            ylabel="standard deviation of the batch loss",
            lines=[Line("σ / √b · √((n − b)/(n − 1))", grid, predicted)],
            points=[Points("measured, 2,000 random batches", sizes, measured)],
            logx=True,
            logy=True,
            ylim=(0.003, 0.3),
        )
    ]


def _gradient_histograms() -> list[Chart]:
    """log10 |dL/dW| of every weight of layers 1, 5, 10, 15 and 20, for the two networks of the
    activation histograms. Computed in float64 on the CPU, like those: a float32 gradient differs in
    its last bits between CPU kernels, enough to move a value across a bin edge."""
    import torch
    from torch import nn

    run = run_snippet("training/gradient_histograms.py")
    x, y = run["x"].cpu().double(), run["y"].cpu()
    charts = []
    for name, lo, hi, title in [
        ("sigmoid", -21.0, 0.0, "sigmoid, default init"),
        ("tanh + Xavier init", -7.0, 0.0, "tanh, Xavier init (gain 5/3)"),
    ]:
        torch.manual_seed(1)
        model = run["SETUPS"][name]().cpu().double()
        nn.functional.cross_entropy(model(x), y).backward()
        weights = [m.weight.grad for m in model if isinstance(m, nn.Linear)]
        lines = []
        for layer in (1, 5, 10, 15, 20):
            logs = weights[layer - 1].abs().clamp_min(1e-300).log10().flatten().tolist()
            centres, shares = _histogram(logs, lo, hi, 42)
            lines.append(Line(f"layer {layer}", centres, shares))
        charts.append(Chart(title=title, xlabel="log₁₀ |∂L/∂w|", ylabel="% of the weights", lines=lines))
    return charts


def _grad_data_ratio() -> list[Chart]:
    ratios = run_snippet("training/grad_data_ratio.py")["ratios"]
    ends = list(range(12, len(ratios) + 1, 12))  # the mean of each epoch's 12 steps: one batch's ratio is noisy
    means = [[sum(r[i] for r in ratios[end - 12 : end]) / 12 for end in ends] for i in range(3)]
    return [
        Chart(
            title="‖∂L/∂W‖ / ‖W‖ of each layer, mean of each epoch",
            xlabel="step (batches of 50)",
            ylabel="gradient-to-data ratio",
            lines=[Line(f"layer {i + 1}", ends, means[i]) for i in range(3)],
            logy=True,
        )
    ]


def _activation_variants() -> list[Chart]:
    norms = run_snippet("training/activation_variants.py")["norms"]
    return [
        Chart(
            title="20 layers, Kaiming init, one backward pass",
            xlabel="layer (1: input side, 20: loss side)",
            ylabel="‖∂L/∂W‖",
            lines=[Line(name, LAYERS, g, dashed=name == "ReLU") for name, g in norms.items()],
            logy=True,
        )
    ]


def _hyperparameter_search() -> list[Chart]:
    results = run_snippet("training/hyperparameter_search.py")["results"]
    labels = {"grid": "3 × 3 grid", "random": "9 random trials", "fine": "9 trials, finer range"}
    return [
        Chart(
            title="Validation loss of each trial, after 30 steps",
            xlabel="learning rate",
            ylabel="validation loss",
            points=[
                # by learning rate: sorted by loss, two close trials can swap places between CPUs
                Points(labels[name], [lr for _, lr, _ in by_lr], [loss for loss, _, _ in by_lr])
                for name, by_lr in ((name, sorted(trials, key=lambda t: t[1])) for name, trials in results.items())
            ],
            logx=True,
            xlim=(5e-5, 2.0),
            ylim=(0.0, 0.8),
        )
    ]


PLOTS = [
    Plot("training/plots/gradient-norms", _gradient_norms),
    Plot("training/plots/fixes", _fixes),
    Plot("training/plots/loss-curve", _loss_curve, shares=CLASSIFIER),
    Plot("training/plots/decision-regions", _decision_regions, shares=CLASSIFIER),
    Plot("training/plots/learning-rates", _learning_rates, columns=2),
    Plot("training/plots/activation-histograms", _activation_histograms, columns=2),
    Plot("training/plots/update-ratios", _update_ratios),
    Plot("training/plots/early-stopping", _early_stopping),
    Plot("training/plots/warmup", _warmup, columns=2),
    Plot("training/plots/loss-shapes", _loss_shapes, shares=LOSS_SHAPES),
    Plot("training/plots/batch-noise", _batch_noise, shares=LOSS_SHAPES),
    Plot("training/plots/gradient-histograms", _gradient_histograms, columns=2),
    Plot("training/plots/grad-data-ratio", _grad_data_ratio),
    Plot("training/plots/activation-variants", _activation_variants),
    Plot("training/plots/hyperparameter-search", _hyperparameter_search),
]


# Optimizers and schedules (docs/training/optimizers-and-schedules.md)


def _level_curves(a: float, g, levels, y_lo: float, y_hi: float, n: int = 240) -> tuple[list[float], list[float]]:
    """Level curves of f(x, y) = a x² + g(y), as one series broken by nan: each closed curve is
    x = +sqrt((c - g(y)) / a) going up in y, then the negative root coming back down."""
    xs, ys = [], []
    grid = [y_lo + (y_hi - y_lo) * i / n for i in range(n + 1)]

    def root(inside: float, outside: float, c: float) -> float:
        for _ in range(50):  # bisect c - g(y) = 0 between a y inside the curve and one outside
            middle = (inside + outside) / 2
            inside, outside = (middle, outside) if c - g(middle) >= 0 else (inside, middle)
        return inside

    for c in levels:
        runs, current = [], []
        for y in grid:
            if c - g(y) >= 0:
                current.append(y)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            lo = root(run[0], run[0] - (y_hi - y_lo) / n, c)
            hi = root(run[-1], run[-1] + (y_hi - y_lo) / n, c)
            ups = [lo, *run, hi]
            half = [math.sqrt(max(c - g(y), 0.0) / a) for y in ups]
            xs += [*half, *[-v for v in reversed(half)], half[0], math.nan]
            ys += [*ups, *reversed(ups), ups[0], math.nan]
    return xs, ys


def _optimizer_paths() -> list[Chart]:
    paths = run_snippet("training/optimizer_paths.py")["paths"]
    surfaces = [
        ("A ravine: x²/20 + y²", "ravine", 1 / 20, lambda y: y * y, [0.02, 0.1, 0.3, 0.8, 1.8], (-4.5, 1.5), (-1.5, 1.5)),
        ("A saddle: x² + y⁴/4 − y²/2", "saddle", 1.0, lambda y: y**4 / 4 - y * y / 2,
         [-0.2, -0.1, 0.1, 0.6, 1.5, 2.25], (-1.25, 1.75), (-0.5, 1.5)),
    ]
    charts = []
    for title, key, a, g, levels, xlim, ylim in surfaces:
        cx, cy = _level_curves(a, g, levels, ylim[0] - 0.5, ylim[1] + 0.5)
        lines = [Line(name, [p[0] for p in paths[key, name]], [p[1] for p in paths[key, name]])
                 for name in ("SGD", "momentum", "Nesterov", "Adam")]
        lines.append(Line("level curves", cx, cy, dashed=True))  # last: the palette's paler colour
        charts.append(Chart(title=title, xlabel="x", ylabel="y", lines=lines, xlim=xlim, ylim=ylim))
    return charts


def _schedules() -> list[Chart]:
    run = run_snippet("training/schedules.py")
    steps = list(range(100))
    return [
        Chart(
            title="Learning rate of each step",
            xlabel="step",
            ylabel="learning rate",
            lines=[
                Line("StepLR", steps, run["step_lr"]),
                Line("ExponentialLR", steps, run["exp_lr"]),
                Line("OneCycleLR", steps, run["cycle_lr"]),
            ],
        ),
        Chart(
            title="OneCycleLR's momentum",
            xlabel="step",
            ylabel="SGD momentum",
            lines=[Line("OneCycleLR", steps, run["cycle_momentum"])],
            ylim=(0.8, 1.0),
        ),
    ]


PLOTS += [
    Plot("training/plots/optimizer-paths", _optimizer_paths, columns=2),
    Plot("training/plots/schedules", _schedules, columns=2),
]


def _batchnorm_noise() -> list[Chart]:
    spread = run_snippet("training/batchnorm_batch_size.py")["spread"]
    sizes = sorted(spread)
    fine = [2 * 1.05**k for k in range(101)]  # 2 to about 260
    return [
        Chart(
            title="One example's normalized value: its spread",
            xlabel="batch size B",
            ylabel="standard deviation over batches",
            lines=[Line("formula √(1.5 / B)", fine, [math.sqrt(1.5 / b) for b in fine], dashed=True)],
            points=[Points("measured, 2000 batches each", sizes, [spread[b] for b in sizes])],
            logx=True,
            logy=True,
            xlim=(1.5, 350),
            ylim=(0.05, 1.2),
        )
    ]


PLOTS.append(Plot("training/plots/batchnorm-noise", _batchnorm_noise))
