"""The autograd chapter's claims, checked independently of the outputs printed on its pages."""

from __future__ import annotations

import pytest
import torch

from tools.generated.diagrams import run_snippet

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/autograd", "docs/autograd"])


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


def _prehook_order(root) -> list[str]:
    """The node names in the order autograd's engine runs them for root.backward()."""
    order, stack, seen = [], [root.grad_fn], {root.grad_fn}
    while stack:
        node = stack.pop()
        node.register_prehook(lambda grad, name=type(node).__name__: order.append(name))
        for child, _ in node.next_functions:
            if child is not None and child not in seen:
                seen.add(child)
                stack.append(child)
    root.backward()
    return order


def test_tiny_backward_matches_the_engine_on_other_graphs():
    """The page's ~30-line engine gives autograd's order and gradients, not only on its own example."""
    tiny_backward = run_snippet("autograd/engine_order.py")["tiny_backward"]
    generator = torch.Generator().manual_seed(0)
    builders = [
        lambda a, b: (a + b) * b,  # the notes' shape: one leaf on two paths
        lambda a, b: (a * b).sin() * a.exp() + (b - a) ** 2,
        lambda a, b: ((a * 3) * (a * 3)).tanh() + b * b * b,  # a chain and a square of one node
    ]
    for build in builders:
        a, b = (torch.randn((), generator=generator, dtype=torch.float64, requires_grad=True) for _ in range(2))
        out = build(a, b)
        order, leaf_grads = tiny_backward(out.grad_fn)
        assert order == _prehook_order(out)
        assert torch.allclose(leaf_grads[a], a.grad) and torch.allclose(leaf_grads[b], b.grad)


def test_like_factories_give_leaves_that_do_not_require_grad_for_every_float_dtype():
    for dtype in (torch.float16, torch.float32, torch.float64, torch.complex64):
        w = torch.ones(3, dtype=dtype, requires_grad=True)
        made = [torch.zeros_like(w), torch.ones_like(w), torch.empty_like(w), torch.full_like(w, 2)]
        if dtype != torch.float16:
            made += [torch.rand_like(w), torch.randn_like(w)]
        assert all(not t.requires_grad and t.is_leaf and t.grad_fn is None for t in made)
        assert (w * 2).requires_grad  # while an ordinary op on the same input does


def test_adam_step_ignores_the_loss_scale_and_sgd_step_follows_it():
    """The accumulation page's claim, for several scales (one step each, from the same start)."""

    def step(optimizer_class, scale):
        w = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64, requires_grad=True)
        optimizer = optimizer_class([w], lr=0.01)
        (scale * (w**2 - w).sum()).backward()
        optimizer.step()
        return w.detach() - torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64)

    for scale in (0.25, 4.0, 100.0):
        assert torch.allclose(step(torch.optim.SGD, scale), scale * step(torch.optim.SGD, 1.0))
        assert torch.allclose(step(torch.optim.Adam, scale), step(torch.optim.Adam, 1.0), rtol=1e-6)
