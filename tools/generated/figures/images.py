"""Figures of the images chapter (Fashion-MNIST), drawn from its snippets' own data and models."""

from __future__ import annotations

import functools

from tools.generated.plots import Chart, Heatmap, ImageGrid, Line, Plot, run_snippet

PER_CLASS = 6
EVALUATE = "images/evaluate.py"


def _examples() -> list[ImageGrid]:
    run = run_snippet("images/one_sample.py")
    data, targets, classes = run["training_data"].data, run["training_data"].targets, run["training_data"].classes
    rows = []
    for label in range(len(classes)):
        first = (targets == label).nonzero().flatten()[:PER_CLASS].tolist()  # the first ones, in file order
        rows.append([data[i].tolist() for i in first])
    return [ImageGrid(f"The first {PER_CLASS} training images of each class", rows, classes)]


def _curves() -> list[Chart]:
    run = run_snippet("images/recipes.py")
    histories, size = run["histories"], len(run["val_set"])
    charts_train, charts_val, last = [], [], 0.0
    for name, history in histories.items():
        losses = history["train"]
        steps = list(range(1, len(losses) + 1))
        charts_train.append(Line(name, steps, losses))
        last = float(len(losses))
        per_epoch = len(losses) // (len(history["val"]) - 1)
        epochs = [per_epoch * k for k in range(len(history["val"]))]
        charts_val.append(Line(name, epochs, [100 * correct / size for _, correct in history["val"]]))
    return [
        Chart(title="Training loss of each batch", xlabel="step", ylabel="cross-entropy loss",
              lines=charts_train, xlim=(0.0, last), ylim=(0.0, 2.5)),
        Chart(title=f"Validation accuracy, {size} held-out images", xlabel="step",
              ylabel="% right", lines=charts_val, xlim=(0.0, last), ylim=(0.0, 100.0)),
    ]


@functools.cache  # the confusion matrix and the mistakes share one run (their Plots say `shares`)
def _evaluation() -> dict:
    return run_snippet(EVALUATE)


def _confusion() -> list[Heatmap]:
    run = _evaluation()
    return [Heatmap(f"Confusion matrix, {len(run['labels'])} test images", "predicted class", "true class",
                    run["classes"], run["confusion"].tolist())]


def _misclassified() -> list[ImageGrid]:
    """The first 18 mistakes in test-set order, captioned with the truth and the prediction."""
    run = _evaluation()
    classes, pixels = run["classes"], run["test_data"].data
    labels, predictions, probabilities = run["labels"], run["predictions"], run["probabilities"]
    wrong = run["wrong"][:18].tolist()
    images, captions = [], []
    for start in range(0, len(wrong), 6):
        row = wrong[start : start + 6]
        images.append([pixels[i].tolist() for i in row])
        captions.append([[classes[labels[i]], f"→ {classes[predictions[i]]} {probabilities[i].max().item():.2f}"]
                         for i in row])
    return [ImageGrid("The first 18 mistakes: true class, → prediction", images, [""] * len(images), captions)]


def _diagnostics() -> list[Chart]:
    rng = run_snippet("images/lr_range.py")
    rates, losses = rng["rates"], rng["losses"]
    last = losses.index(min(losses)) + 4  # a few steps past the lowest loss: later ones diverge
    over = run_snippet("images/overfit.py")["curves"]
    steps = list(range(1, len(over["train"]) + 1))
    validated = over["validation"]  # step -> loss, every second step
    return [
        Chart(title="Learning-rate range test, SGD", xlabel="learning rate of the step",
              ylabel="smoothed training loss", lines=[Line("SGD, lr × 1.2 each step", rates[:last], losses[:last])],
              logx=True, ylim=(1.8, 2.4)),
        Chart(title="32 training images, Adam, 40 steps", xlabel="step", ylabel="cross-entropy loss",
              lines=[Line("training batch", steps, over["train"]), Line("250 validation images", list(validated), list(validated.values()))],
              logy=True),
    ]


PLOTS = [
    Plot("images/plots/examples", _examples),
    Plot("images/plots/recipes", _curves, columns=2),
    Plot("images/plots/confusion-matrix", _confusion, shares=EVALUATE),
    Plot("images/plots/misclassified", _misclassified, shares=EVALUATE),
    Plot("images/plots/diagnostics", _diagnostics, columns=2),
]
