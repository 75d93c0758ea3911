"""The training chapter's claims, checked independently of the outputs printed on its pages:
for other seeds and batches, the per-layer factors the maths predicts, the fixes, clipping, and
the optimizers written by hand."""

from __future__ import annotations

import copy
import math

import pytest
import torch
from torch import nn

from snippets.training.deep_mlp import deep_mlp, weight_grad_norms
from snippets.training.fixed_nets import init_, normed_mlp

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/training", "docs/training"])


def _batch(seed):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(256, 64, generator=g), torch.randint(0, 10, (256,), generator=g)


def _per_layer(norms):
    return (norms[0] / norms[-1]) ** (1 / (len(norms) - 1))


@pytest.mark.parametrize("seed", [2, 3])
def test_per_layer_factor_matches_the_variance_argument(seed):
    """Default init, variance 1/(3n): sigmoid ~ sqrt(1/3)/4 = 0.144 per layer, ReLU ~ 1/sqrt(6) = 0.41."""
    x, y = _batch(seed)
    torch.manual_seed(seed)
    sigmoid = _per_layer(weight_grad_norms(deep_mlp(nn.Sigmoid), x, y))
    torch.manual_seed(seed)
    relu = _per_layer(weight_grad_norms(deep_mlp(nn.ReLU), x, y))
    assert sigmoid <= math.sqrt(1 / 3) / 4 * 1.2
    assert sigmoid > 0.10
    assert 0.41 * 0.85 < relu < 0.41 * 1.3


@pytest.mark.parametrize("seed", [2, 3])
def test_kaiming_init_and_layernorm_keep_every_layer_within_a_small_factor(seed):
    x, y = _batch(seed)
    torch.manual_seed(seed)
    kaiming = weight_grad_norms(init_(deep_mlp(nn.ReLU), "kaiming"), x, y)
    torch.manual_seed(seed)
    layernorm = weight_grad_norms(normed_mlp(nn.ReLU), x, y)
    for norms in (kaiming, layernorm):
        assert max(norms) / min(norms) < 20


def test_kaiming_normal_has_variance_two_over_fan_in():
    torch.manual_seed(0)
    w = nn.init.kaiming_normal_(torch.empty(512, 256), nonlinearity="relu")
    assert abs(w.var().item() - 2 / 256) < 0.03 * 2 / 256
    assert nn.init.calculate_gain("tanh") == pytest.approx(5 / 3)


def test_clip_grad_norm_scales_every_gradient_by_one_factor():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
    (model(torch.randn(16, 8)).pow(2).sum() * 1000).backward()
    before = torch.cat([p.grad.flatten() for p in model.parameters()])
    total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    after = torch.cat([p.grad.flatten() for p in model.parameters()])
    assert total.item() == pytest.approx(before.norm().item(), rel=1e-5)
    assert after.norm().item() == pytest.approx(1.0, rel=1e-4)
    torch.testing.assert_close(after, before / before.norm(), rtol=1e-4, atol=1e-8)


@pytest.mark.parametrize("lr", [0.01, 0.3, 0.5])
def test_sgd_by_hand_written_as_add_alpha_equals_torch_optim_sgd_bit_for_bit(lr):
    torch.manual_seed(5)
    model = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 2))
    twin = copy.deepcopy(model)
    x, y = torch.randn(10, 3), torch.randint(0, 2, (10,))
    optimizer = torch.optim.SGD(twin.parameters(), lr=lr)
    for _ in range(5):
        model.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        with torch.no_grad():
            for p in model.parameters():
                p.add_(p.grad, alpha=-lr)
        optimizer.zero_grad()
        nn.functional.cross_entropy(twin(x), y).backward()
        optimizer.step()
    assert all(torch.equal(a, b) for a, b in zip(model.parameters(), twin.parameters()))


def test_adam_first_step_moves_every_parameter_by_lr():
    torch.manual_seed(6)
    model = nn.Linear(4, 3)
    before = [p.detach().clone() for p in model.parameters()]
    optimizer = torch.optim.Adam(model.parameters(), lr=0.003)
    nn.functional.cross_entropy(model(torch.randn(8, 4)), torch.randint(0, 3, (8,))).backward()
    optimizer.step()
    for p, b in zip(model.parameters(), before):
        torch.testing.assert_close((p.detach() - b).abs(), torch.full_like(b, 0.003), rtol=1e-4, atol=0)


def test_loss_on_probabilities_never_goes_below_log_one_plus_e_to_minus_one():
    probabilities = torch.tensor([[1.0, 0.0], [0.0, 1.0], [0.7, 0.3]])
    losses = nn.functional.cross_entropy(probabilities, torch.tensor([0, 1, 0]), reduction="none")
    floor = math.log(1 + math.exp(-1))
    assert losses.min().item() == pytest.approx(floor, rel=1e-6)
    assert (losses >= floor - 1e-7).all()
