"""The diagnosis pages' claims, checked on other seeds and batches than the pages print: the first
loss against ln C + Var/2, BatchNorm against the collapse of a deep sigmoid network, dead
first-layer units under plain SGD, and Adam's first step."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from snippets.training.deep_mlp import deep_mlp, weight_grad_norms
from snippets.training.probes import activations, dead_units, spread

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/training", "docs/training"])


def batchnorm_mlp(activation, depth=20, width=64, classes=10):
    """The page's network (snippets/training/batchnorm_sigmoid.py, which trains when imported)."""
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.BatchNorm1d(width), activation()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


def _batch(seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(256, 64, generator=g), torch.randint(0, 10, (256,), generator=g)


@pytest.mark.parametrize("seed", [2, 3])
def test_first_loss_is_ln_c_plus_half_the_variance_of_small_logits(seed):
    x, y = _batch(seed)
    for activation in (nn.ReLU, nn.Sigmoid):  # default init: small logits
        torch.manual_seed(seed)
        with torch.no_grad():
            logits = deep_mlp(activation)(x)
        variance = logits.var(dim=1, unbiased=False).mean().item()
        loss = nn.functional.cross_entropy(logits, y).item()
        assert variance < 0.2
        assert abs(loss - (math.log(10) + variance / 2)) < 0.05


@pytest.mark.parametrize("seed", [2, 3])
def test_batchnorm_restores_the_spread_and_the_gradient_of_a_deep_sigmoid_network(seed):
    x, y = _batch(seed)
    torch.manual_seed(seed)
    plain = deep_mlp(nn.Sigmoid)
    torch.manual_seed(seed)
    normed = batchnorm_mlp(nn.Sigmoid)
    assert spread(activations(plain, x)[-1]) < 1e-5 < 0.05 < activations(plain, x)[-1].std().item()
    assert spread(activations(normed, x)[-1]) > 0.1
    g = weight_grad_norms(normed, x, y)
    assert g[0] / g[-1] > 0.1


@pytest.mark.parametrize("lr", [10.0, 30.0])
def test_a_dead_first_layer_unit_never_comes_back_under_plain_sgd(lr):
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(200, 2, generator=g), torch.randint(0, 2, (200,), generator=g)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    dead = dead_units(model, x)[0]
    for _ in range(50):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
        now = dead_units(model, x)[0]
        assert not (dead & ~now).any()  # once dead on the data, dead for good
        dead = now
    assert dead.sum() > 0


def test_adams_first_step_moves_every_entry_with_a_gradient_by_the_learning_rate():
    torch.manual_seed(4)
    layer = nn.Linear(16, 8)
    before = layer.weight.detach().clone()
    optimizer = torch.optim.Adam(layer.parameters(), lr=0.01)
    layer(torch.randn(32, 16)).pow(2).sum().mul(1e-3).backward()
    optimizer.step()
    step = (layer.weight.detach() - before).abs()
    assert torch.allclose(step, torch.full_like(step, 0.01), rtol=1e-3)
