"""Checks behind the first pages of "Building networks" (nn-module, linear-layer, flatten), independent
of what the snippets print: the claims hold for other sizes, seeds and inputs too."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from snippets.networks.notes_net import Net

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/networks", "docs/networks"])


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize(("n_in", "n_out"), [(1, 1), (10, 20), (20, 4), (784, 512)])
def test_linear_parameter_count_is_in_times_out_plus_out(n_in, n_out, bias):
    layer = nn.Linear(n_in, n_out, bias=bias)
    assert sum(p.numel() for p in layer.parameters()) == n_in * n_out + (n_out if bias else 0)
    assert tuple(layer.weight.shape) == (n_out, n_in)
    assert (layer.bias is None) == (not bias)


@pytest.mark.parametrize("leading", [(), (1,), (7,), (2, 5)])
def test_linear_layer_is_x_matmul_w_transpose_plus_b(leading, device):
    torch.manual_seed(1)
    layer = nn.Linear(6, 3).to(device)
    x = torch.randn(*leading, 6).to(device)
    y = layer(x)
    assert tuple(y.shape) == (*leading, 3)
    torch.testing.assert_close(y, x @ layer.weight.T + layer.bias)


@pytest.mark.parametrize("n_in", [1, 3, 100, 784])
def test_default_init_is_uniform_within_one_over_sqrt_in_features(n_in):
    torch.manual_seed(2)
    layer = nn.Linear(n_in, 400)
    bound = 1 / math.sqrt(n_in)
    for p in (layer.weight, layer.bias):
        assert p.abs().max().item() <= bound
        assert p.abs().max().item() > 0.95 * bound  # 400+ draws reach close to the ends
        assert abs(p.mean().item()) < 0.1 * bound  # centred on zero


def test_notes_net_has_724_parameters_named_after_its_attributes():
    net = Net()
    shapes = {name: tuple(p.shape) for name, p in net.named_parameters()}
    assert shapes == {
        "fc1.weight": (20, 10), "fc1.bias": (20,),
        "fc2.weight": (20, 20), "fc2.bias": (20,),
        "output.weight": (4, 20), "output.bias": (4,),
    }
    assert sum(p.numel() for p in net.parameters()) == 220 + 420 + 84 == 724


def test_notes_net_without_activations_is_one_affine_map():
    torch.manual_seed(3)
    net = Net().double()
    x = torch.randn(50, 10, dtype=torch.float64)
    W = net.output.weight @ net.fc2.weight @ net.fc1.weight
    b = net.output.weight @ (net.fc2.weight @ net.fc1.bias + net.fc2.bias) + net.output.bias
    torch.testing.assert_close(net(x), x @ W.T + b)


def test_calling_a_module_runs_its_hooks_and_forward_alone_does_not():
    seen = []
    layer = nn.Linear(2, 2)
    layer.register_forward_hook(lambda module, inputs, output: seen.append("hook"))
    x = torch.zeros(1, 2)
    layer.forward(x)
    assert seen == []
    layer(x)
    assert seen == ["hook"]


def test_calling_forward_skips_only_the_modules_own_hooks_not_its_submodules():
    seen = []
    net = Net()
    net.register_forward_hook(lambda module, inputs, output: seen.append("net"))
    net.fc1.register_forward_hook(lambda module, inputs, output: seen.append("fc1"))
    net.forward(torch.rand(10))
    assert seen == ["fc1"]  # forward calls self.fc1(x), which goes through fc1's __call__
    seen.clear()
    net(torch.rand(10))
    assert seen == ["fc1", "net"]


def test_flatten_module_keeps_the_batch_axis_and_the_function_does_not():
    x = torch.zeros(4, 1, 28, 28)
    assert (nn.Flatten().start_dim, nn.Flatten().end_dim) == (1, -1)
    assert tuple(nn.Flatten()(x).shape) == (4, 784)
    assert tuple(torch.flatten(x).shape) == (4 * 784,)
    assert not hasattr(nn, "flatten")  # the notes' `nn.flatten()` does not exist
