"""Checks for "Activations and losses" that hold whatever the pages print: the closed-form
derivatives on a dense grid, the fused losses against their formulas, cross-entropy's gradient."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.activations.derivatives import ACTIVATIONS

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/activations", "docs/activations"])


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_closed_form_derivative_matches_autograd_on_a_dense_grid(name):
    f, derivative = ACTIVATIONS[name]
    grid = torch.linspace(-6, 6, 1201, dtype=torch.float64)
    grid = grid[grid != 0]  # the kinks' value at 0 is a convention, checked on the page
    x = grid.clone().requires_grad_()
    f(x).sum().backward()
    assert torch.allclose(x.grad, derivative(grid).to(torch.float64), atol=1e-6)


def test_relu_spellings_disagree_only_at_zero():
    grads = []
    for f in (torch.relu, lambda v: v.clamp(min=0), lambda v: torch.maximum(v, torch.zeros(()))):
        x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
        f(x).sum().backward()
        grads.append(x.grad.tolist())
    assert [g[0] for g in grads] == [0.0, 0.0, 0.0] and [g[2] for g in grads] == [1.0, 1.0, 1.0]
    # At 0: relu 0; clamp 0 since torch 2.14 (1 before: the page says so); maximum splits a tie.
    clamp_at_zero = 0.0 if _torch_at_least(2, 14) else 1.0
    assert [g[1] for g in grads] == [0.0, clamp_at_zero, 0.5]


def _torch_at_least(major: int, minor: int) -> bool:
    return tuple(int(part) for part in torch.__version__.split(".")[:2]) >= (major, minor)


def test_bce_with_logits_is_the_stable_formula_for_extreme_logits():
    z = torch.tensor([-500.0, -40.0, -3.0, 0.0, 3.0, 40.0, 500.0])
    for target in (0.0, 1.0, 0.3):
        y = torch.full_like(z, target)
        stable = z.clamp(min=0) - y * z + F.softplus(-z.abs())
        library = nn.BCEWithLogitsLoss(reduction="none")(z, y)
        assert torch.allclose(library, stable)
        assert torch.isfinite(library).all()


@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_cross_entropy_gradient_is_softmax_minus_one_hot(reduction):
    torch.manual_seed(0)
    logits = (torch.randn(16, 7) * 4).requires_grad_()
    targets = torch.randint(0, 7, (16,))
    F.cross_entropy(logits, targets, reduction=reduction).backward()
    expected = torch.softmax(logits, dim=1) - F.one_hot(targets, 7)
    if reduction == "mean":
        expected = expected / 16
    assert torch.allclose(logits.grad, expected.detach(), atol=1e-6)


def test_label_smoothing_is_a_probability_target():
    torch.manual_seed(0)
    logits, targets = torch.randn(8, 5), torch.randint(0, 5, (8,))
    for eps in (0.0, 0.1, 0.5):
        q = (1 - eps) * F.one_hot(targets, 5).float() + eps / 5
        smoothed = nn.CrossEntropyLoss(label_smoothing=eps)(logits, targets)
        assert torch.allclose(smoothed, nn.CrossEntropyLoss()(logits, q))


def test_weighted_mean_divides_by_the_sum_of_the_weights_and_ignored_targets_drop_out():
    torch.manual_seed(0)
    logits = torch.randn(10, 4)
    targets = torch.tensor([0, 1, 2, 3, -100, 1, 1, -100, 0, 2])
    weight = torch.tensor([1.0, 2.0, 0.5, 4.0])
    per_example = nn.CrossEntropyLoss(weight=weight, reduction="none")(logits, targets)
    kept = targets != -100
    w = weight[targets[kept]]
    mean = nn.CrossEntropyLoss(weight=weight)(logits, targets)
    assert torch.allclose(mean, per_example[kept].sum() / w.sum())
    assert torch.all(per_example[~kept] == 0)


def test_a_small_gradient_step_lowers_the_loss():
    torch.manual_seed(0)
    x, y = torch.randn(32, 5), torch.randint(0, 3, (32,))
    model = nn.Linear(5, 3)
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    with torch.no_grad():
        for p in model.parameters():
            p -= 0.05 * p.grad
    assert F.cross_entropy(model(x), y).item() < loss.item()
