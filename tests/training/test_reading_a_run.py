"""The claims of the reading-a-run and ReLU-family pages, checked on other seeds than the pages
print: why the last layer's gradient-to-data ratio starts large, a batch's loss spread against
sigma / sqrt(b), and GELU and SiLU collapsing under the ReLU's Kaiming gain."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from snippets.training.deep_mlp import deep_mlp
from snippets.training.fixed_nets import init_
from snippets.training.spirals import two_spirals

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/training", "docs/training"])


def _spiral_model(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_last_layer_starts_with_the_largest_gradient_to_data_ratio(seed):
    x, y = two_spirals(300, seed=seed)
    model = _spiral_model(seed)
    nn.functional.cross_entropy(model(x), y).backward()
    first, middle, last = (m for m in model if isinstance(m, nn.Linear))
    for layer in (first, middle, last):  # ||W||_F is about sqrt(n_out / 3)
        assert abs(layer.weight.norm().item() / math.sqrt(layer.out_features / 3) - 1) < 0.1
    with torch.no_grad():  # the forward pass shrinks the activations by about sqrt(6)
        h1, h2 = model[:2](x).norm(dim=1).mean(), model[:4](x).norm(dim=1).mean()
    assert abs((h1 / h2).item() / math.sqrt(6) - 1) < 0.2
    ratio = {name: (m.weight.grad.norm() / m.weight.norm()).item() for name, m in
             (("first", first), ("middle", middle), ("last", last))}
    assert ratio["last"] > ratio["middle"] > ratio["first"]
    assert 2.5 < ratio["last"] / ratio["middle"] < 8  # the weight norms' ratio sqrt(64 / 2) = 5.7


@pytest.mark.parametrize("b", [10, 50, 200])
def test_a_batch_loss_varies_by_sigma_over_root_b_with_the_finite_population_factor(b):
    g = torch.Generator().manual_seed(b)
    each = torch.rand(600, generator=g, dtype=torch.float64) ** 3  # skewed, like per-example losses
    picks = torch.rand(4000, 600, generator=g).argsort(dim=1)[:, :b]
    measured = each[picks].mean(dim=1).std().item()
    predicted = math.sqrt(each.var().item() / b * (600 - b) / 599)
    assert abs(measured / predicted - 1) < 0.06


@pytest.mark.parametrize("seed", [2, 3])
def test_gelu_and_silu_collapse_under_the_relu_kaiming_gain(seed):
    x = torch.randn(256, 64, generator=torch.Generator().manual_seed(seed))
    spreads = {}
    for activation in (nn.ReLU, nn.ELU, nn.GELU, nn.SiLU):
        torch.manual_seed(seed)
        model = init_(deep_mlp(activation), "kaiming")
        with torch.no_grad():
            h = model[:-1](x)  # the last hidden layer, after its activation
        spreads[activation.__name__] = h.std(dim=0).mean().item()
    assert spreads["ELU"] > spreads["ReLU"] > spreads["GELU"] > spreads["SiLU"]
    assert spreads["SiLU"] < 0.05 < spreads["ReLU"]
