"""Checks for the second half of "Building networks" that hold whatever the pages print:
the classifier's parameter count, softmax's rows, cross-entropy against its formula, devices."""

from __future__ import annotations

import math
from collections import OrderedDict

import pytest
import torch
import torch.nn.functional as F
from torch import nn

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/networks", "docs/networks"])

LAYER_SIZES = [(784, 512), (512, 512), (512, 10)]


def classifier() -> nn.Sequential:
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)
    )


def test_classifier_parameter_count_matches_the_formula():
    linears = [m for m in classifier() if isinstance(m, nn.Linear)]
    counts = [sum(p.numel() for p in m.parameters()) for m in linears]
    assert counts == [n_in * n_out + n_out for n_in, n_out in LAYER_SIZES] == [401_920, 262_656, 5_130]
    assert sum(counts) == 669_706


def test_named_sequential_loads_the_module_versions_keys():
    torch.manual_seed(0)
    plain = classifier()
    named = nn.Sequential(
        OrderedDict(
            flatten=nn.Flatten(), fc1=nn.Linear(784, 512), relu1=nn.ReLU(),
            fc2=nn.Linear(512, 512), relu2=nn.ReLU(), output=nn.Linear(512, 10),
        )
    )
    keys = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "output.weight", "output.bias"]
    assert list(named.state_dict()) == keys
    named.load_state_dict(dict(zip(keys, plain.state_dict().values())))
    x = torch.rand(4, 1, 28, 28)
    assert torch.equal(named(x), plain(x))


def test_relu_and_sigmoid_gradients():
    x = torch.linspace(-3, 3, 61, requires_grad=True)
    torch.relu(x).sum().backward()
    assert torch.equal(x.grad, (x > 0).float())
    s = torch.linspace(-10, 10, 201, requires_grad=True)
    torch.sigmoid(s).sum().backward()
    assert s.grad.max().item() == pytest.approx(0.25)


@pytest.mark.parametrize("shape", [(3, 4), (16, 10)])
def test_softmax_rows_sum_to_one_and_keep_the_argmax(shape):
    torch.manual_seed(0)
    logits = torch.randn(shape) * 5
    probs = logits.softmax(dim=1)
    assert torch.allclose(probs.sum(dim=1), torch.ones(shape[0]))
    assert torch.equal(probs.argmax(dim=1), logits.argmax(dim=1))
    assert torch.allclose(torch.softmax(logits + 123.0, dim=1), probs, atol=1e-6)


def test_cross_entropy_is_minus_log_softmax_at_the_true_class():
    torch.manual_seed(0)
    logits = torch.randn(8, 10)
    targets = torch.randint(0, 10, (8,))
    by_hand = -sum(math.log(logits[i].softmax(dim=0)[t].item()) for i, t in enumerate(targets)) / 8
    assert F.cross_entropy(logits, targets).item() == pytest.approx(by_hand, rel=1e-5)
    one_hot = F.one_hot(targets, num_classes=10).float()
    assert F.cross_entropy(logits, one_hot).item() == pytest.approx(by_hand, rel=1e-5)
    assert F.cross_entropy(logits.softmax(dim=1), targets).item() != pytest.approx(by_hand, rel=1e-3)


def test_module_to_is_in_place_and_tensor_to_is_not():
    layer = nn.Linear(3, 2)
    assert layer.to("meta") is layer and layer.weight.device.type == "meta"
    x = torch.rand(2, 3)
    moved = x.to("meta")
    assert x.device.type == "cpu" and moved.device.type == "meta"
    with pytest.raises(RuntimeError):
        nn.Linear(3, 2)(moved)
