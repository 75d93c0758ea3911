"""The autograd chapter's claims, checked independently of the outputs printed on its pages."""

from __future__ import annotations

import torch

from tools.diagrams import run_snippet


def test_hand_derived_gradients_hold_at_many_points():
    """df/dx = df/dy = z and df/dz = x + y for f = (x + y) z, wherever we look (the page's derivation)."""
    generator = torch.Generator().manual_seed(0)
    x, y, z = (torch.randn(100, generator=generator, dtype=torch.float64, requires_grad=True) for _ in range(3))
    ((x + y) * z).sum().backward()
    assert torch.equal(x.grad, z.detach())
    assert torch.equal(y.grad, z.detach())
    assert torch.equal(z.grad, (x + y).detach())


def test_gradcheck_agrees_with_the_chain_rule_example():
    inputs = tuple(torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in (-3.0, 5.0, -2.0))
    assert torch.autograd.gradcheck(lambda x, y, z: (x + y) * z, inputs)


def test_backward_scalar_snippet_leaves_the_page_gradients():
    ns = run_snippet("autograd/backward_scalar.py")
    assert [ns[name].grad.item() for name in "xyz"] == [-2.0, -2.0, 2.0]
    assert all(ns[name].is_leaf for name in "xyz")
    assert ns["f"].grad_fn.name() == "MulBackward0"
