# %% [markdown]
# # Lab: autograd by hand and by machine
#
# Six exercises, one per idea of the chapter. Try each one before opening its solution: the
# solutions are worked out in full and `assert` their answers, so this notebook checks itself
# when run top to bottom. Only `torch` is needed.

# %%
import torch

# %% [markdown]
# ## Exercise 1: the chain rule by hand
#
# Let $u = a b + c$ and $f = u^2$, at $a = 2$, $b = -3$, $c = 4$.
# Compute $f$, then derive $\frac{\partial f}{\partial a}$, $\frac{\partial f}{\partial b}$ and
# $\frac{\partial f}{\partial c}$ by hand with the chain rule. Then check your answers with
# `backward()`.

# %% [markdown] tags=["solution"]
# ### Solution
#
# Forward: $u = 2 \cdot (-3) + 4 = -2$, $f = (-2)^2 = 4$.
#
# Backward: $\frac{\partial f}{\partial u} = 2u = -4$. The addition passes it through unchanged to
# $ab$ and to $c$; the multiplication swaps the values:
# $\frac{\partial f}{\partial a} = 2u \cdot b = 12$,
# $\frac{\partial f}{\partial b} = 2u \cdot a = -8$,
# $\frac{\partial f}{\partial c} = 2u = -4$.

# %% tags=["solution"]
a_val, b_val, c_val = 2.0, -3.0, 4.0
u_val = a_val * b_val + c_val
df_du = 2 * u_val
by_hand = [df_du * b_val, df_du * a_val, df_du * 1.0]

a = torch.tensor(a_val, requires_grad=True)
b = torch.tensor(b_val, requires_grad=True)
c = torch.tensor(c_val, requires_grad=True)
f = (a * b + c) ** 2
f.backward()
by_autograd = [a.grad.item(), b.grad.item(), c.grad.item()]

print("f =", f.item())
print("by hand:    ", by_hand)
print("by autograd:", by_autograd)
assert f.item() == 4.0
assert by_hand == by_autograd == [12.0, -8.0, -4.0]

# %% [markdown]
# ## Exercise 2: walk the graph
#
# Build $f = (a b + c)^2$ again (fresh leaves) and, starting from `f.grad_fn`, walk the backward
# graph through `next_functions` depth first. Return the list of node class names in the order
# you visit them. How many `AccumulateGrad` nodes do you expect, and why?

# %% [markdown] tags=["solution"]
# ### Solution
#
# The last operation is the power, then the addition, then the multiplication. Each of the three
# leaves ends in its own `AccumulateGrad` node, the one that writes into its `.grad`: three in
# all. The exponent 2 is a Python number, not a tensor input, so `PowBackward0` has a single
# next function. (An input that needs no gradient, such as the constant tensor in
# `a * torch.tensor(2.0)`, would show up as a `None` entry, which the walk skips.)

# %% tags=["solution"]
def node_names(node):
    names = [type(node).__name__]
    for next_node, _ in node.next_functions:
        if next_node is not None:
            names += node_names(next_node)
    return names


a, b, c = (torch.tensor(v, requires_grad=True) for v in (2.0, -3.0, 4.0))
f = (a * b + c) ** 2
names = node_names(f.grad_fn)
print(names)
assert names == [
    "PowBackward0",
    "AddBackward0",
    "MulBackward0",
    "AccumulateGrad",
    "AccumulateGrad",
    "AccumulateGrad",
]
assert names.count("AccumulateGrad") == 3

# %% [markdown]
# ## Exercise 3: gradients accumulate
#
# With $w = 3$ (a leaf that requires gradients), run the forward pass $L = w^2$ and `backward()`
# **three times in a row**, each time with a fresh forward pass. What is `w.grad` after each
# call? Then zero the gradient and run once more: what is it now?

# %% [markdown] tags=["solution"]
# ### Solution
#
# $\frac{dL}{dw} = 2w = 6$, and each `backward()` **adds** it to `w.grad`: 6, 12, 18. After
# `w.grad.zero_()` (or `w.grad = None`, which optimizers use by default), one more pass gives 6
# again. This is why a training loop zeroes the gradients once per step.

# %% tags=["solution"]
w = torch.tensor(3.0, requires_grad=True)
history = []
for _ in range(3):
    (w**2).backward()
    history.append(w.grad.item())
print("accumulated:", history)

w.grad.zero_()
(w**2).backward()
print("after zeroing:", w.grad.item())
assert history == [6.0, 12.0, 18.0]
assert w.grad.item() == 6.0

# %% [markdown]
# ## Exercise 4: a non-scalar output
#
# Let $y = x^2$ elementwise with $x = (1, 2, 3)$, so $y$ is a vector and `y.backward()` alone is an
# error. Compute `y.backward(gradient=v)` with $v = (1, 0.5, -1)$ and show that the result is the
# vector-Jacobian product $v^\top J$, where $J = \frac{\partial y}{\partial x}$ is computed with
# `torch.autograd.functional.jacobian`.

# %% [markdown] tags=["solution"]
# ### Solution
#
# $J = \operatorname{diag}(2x_1, 2x_2, 2x_3) = \operatorname{diag}(2, 4, 6)$, so
# $v^\top J = (1 \cdot 2,\ 0.5 \cdot 4,\ -1 \cdot 6) = (2, 2, -6)$. The backward pass never builds
# $J$: it computes $v^\top J$ directly, which is what makes it cheap for large tensors.

# %% tags=["solution"]
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
v = torch.tensor([1.0, 0.5, -1.0])
y = x**2
try:
    y.backward()
except RuntimeError as e:
    print(str(e))

y.backward(gradient=v)
J = torch.autograd.functional.jacobian(lambda t: t**2, x.detach())
print("J =", J.tolist())
print("x.grad =", x.grad.tolist(), " v @ J =", (v @ J).tolist())
assert torch.equal(J, torch.diag(2 * x.detach()))
assert torch.equal(x.grad, v @ J)
assert x.grad.tolist() == [2.0, 2.0, -6.0]

# %% [markdown]
# ## Exercise 5: no_grad versus detach
#
# (a) Compute $z = 3x$ for $x = 4$ (requiring gradients) inside `torch.no_grad()`. What are
# `z.requires_grad` and `z.grad_fn`?
#
# (b) Let $f = x \cdot (x + 1)$ at $x = 4$. Compute $\frac{df}{dx}$ normally, then with the second
# factor detached, $f = x \cdot \operatorname{detach}(x + 1)$. Predict both numbers first.

# %% [markdown] tags=["solution"]
# ### Solution
#
# (a) Nothing is recorded inside `no_grad`: `z.requires_grad` is `False` and `z.grad_fn` is
# `None`. Calling `z.backward()` would fail.
#
# (b) Normally $f = x^2 + x$ and $\frac{df}{dx} = 2x + 1 = 9$. With the detach, $x + 1 = 5$ is a
# constant $c$ for autograd and $\frac{d(x c)}{dx} = c = 5$: the gradient flows through the first
# factor only. `detach()` cut one tensor out of a graph that is otherwise still recorded.

# %% tags=["solution"]
x = torch.tensor(4.0, requires_grad=True)
with torch.no_grad():
    z = 3 * x
print("(a)", z.requires_grad, z.grad_fn)
assert z.requires_grad is False and z.grad_fn is None

(x * (x + 1)).backward()
full = x.grad.item()
x.grad = None
(x * (x + 1).detach()).backward()
stopped = x.grad.item()
print("(b) full:", full, " stop-gradient:", stopped)
assert (full, stopped) == (9.0, 5.0)

# %% [markdown]
# ## Exercise 6: check a gradient numerically
#
# Let $g(x) = \sum_i e^{x_i} x_i$ for $x = (-1, 0, 0.5)$ in float64.
#
# 1. Write a central-difference gradient $\frac{g(x + h e_i) - g(x - h e_i)}{2h}$ with
#    $h = 10^{-5}$ and compare it with autograd (analytically, $\frac{\partial g}{\partial x_i} =
#    e^{x_i}(1 + x_i)$).
# 2. Write `g` as a custom `torch.autograd.Function` with its own backward and check it with
#    `torch.autograd.gradcheck`. Then break the backward (drop the $+1$) and confirm that
#    `gradcheck` notices.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The central difference has error $O(h^2)$: with $h = 10^{-5}$ in float64 it agrees with
# autograd to better than $10^{-8}$. `gradcheck` compares whole Jacobians; with
# `raise_exception=False` it returns `False` for the broken backward instead of raising.

# %% tags=["solution"]
def g(x):
    return (torch.exp(x) * x).sum()


x = torch.tensor([-1.0, 0.0, 0.5], dtype=torch.float64, requires_grad=True)
g(x).backward()

h = 1e-5
numeric = torch.zeros_like(x)
for i in range(x.numel()):
    step = torch.zeros_like(x)
    step[i] = h
    numeric[i] = (g(x.detach() + step) - g(x.detach() - step)) / (2 * h)

expected = torch.exp(x.detach()) * (1 + x.detach())
err = (numeric - x.grad).abs().max().item()
print("autograd:", [round(t, 6) for t in x.grad.tolist()])
print("numeric: ", [round(t, 6) for t in numeric.tolist()])
print("max abs error below 1e-8:", err < 1e-8)
assert torch.allclose(x.grad, expected)
assert err < 1e-8


class ExpTimesX(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return (torch.exp(x) * x).sum()

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.exp(x) * (1 + x)


class BrokenExpTimesX(ExpTimesX):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * torch.exp(x) * x  # the "+1" is missing


right = torch.autograd.gradcheck(ExpTimesX.apply, (x,))
broken = torch.autograd.gradcheck(BrokenExpTimesX.apply, (x,), raise_exception=False)
print("gradcheck, right backward:", right, " broken backward:", broken)
assert right is True and broken is False
