# %% [markdown]
# # Lab: activations and losses
#
# Six exercises on the chapter's ideas: XOR by hand with two ReLUs, a derivative checked against
# autograd, the binary cross-entropy written stably, label smoothing, `ignore_index` in a padded
# batch, and gradient descent on cross-entropy. Each one states a task, then gives a worked
# solution that checks itself with `assert`. Try the task before opening the solution. Everything
# runs on the CPU in a few seconds; only `torch` is needed, nothing is downloaded.

# %%
import torch
import torch.nn.functional as F
from torch import nn

# manual_seed returns the generator; `_ =` keeps it off the page
_ = torch.manual_seed(0)

# %% [markdown]
# ## Exercise 1: XOR with two ReLUs, by hand
#
# The four inputs $(0,0), (0,1), (1,0), (1,1)$ have XOR labels $0, 1, 1, 0$. First show that no
# affine map $w_1 x_1 + w_2 x_2 + b$ fits them: its least-squares fit (`torch.linalg.lstsq`)
# predicts 0.5 for every input. Then find weights, by hand, for a network with **two** ReLU units,
# $h = \mathrm{ReLU}(x W_1^\top + b_1)$ and $\hat y = h\, w_2^\top$, that outputs XOR exactly.
# Hint: both units can look at $s = x_1 + x_2$.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The least-squares affine fit is the constant 0.5: by symmetry the slopes cancel. With
# $s = x_1 + x_2 \in \{0, 1, 2\}$, XOR is $s$ for $s \le 1$ and $0$ for $s = 2$, that is
# $\mathrm{ReLU}(s) - 2\,\mathrm{ReLU}(s - 1)$: the second unit switches on only at $s = 2$, where
# it cancels the first. A kink at $s = 1$ is exactly what an affine map cannot have.

# %% tags=["solution"]
inputs = torch.tensor([[0.0, 0.0], [0.0, 1.0],
                       [1.0, 0.0], [1.0, 1.0]])
xor = torch.tensor([0.0, 1.0, 1.0, 0.0])

# columns x1, x2, 1: an affine map is design @ coefficients
design = torch.cat([inputs, torch.ones(4, 1)], dim=1)
fit = torch.linalg.lstsq(design, xor.unsqueeze(1))
coefficients = fit.solution
best_affine = (design @ coefficients).squeeze(1)
half = torch.full((4,), 0.5)
assert torch.allclose(best_affine, half, atol=1e-5)

hidden = nn.Linear(2, 2)
output = nn.Linear(2, 1, bias=False)
with torch.no_grad():
    # both units see s = x1 + x2: ReLU(s) and ReLU(s - 1)
    hidden.weight.copy_(torch.tensor([[1.0, 1.0], [1.0, 1.0]]))
    hidden.bias.copy_(torch.tensor([0.0, -1.0]))
    output.weight.copy_(torch.tensor([[1.0, -2.0]]))
    by_network = output(torch.relu(hidden(inputs))).squeeze(1)
assert torch.equal(by_network, xor)
print([round(v, 4) for v in best_affine.tolist()])
print(by_network.tolist())

# %% [markdown]
# ## Exercise 2: a derivative by hand, checked by autograd
#
# $\mathrm{softplus}(x) = \log(1 + e^x)$ is a smooth ReLU. Derive its derivative in closed form,
# then check it against autograd at the points $-5, -1, 0, 1, 5$. Do the same for ELU
# (`F.elu`, with $\alpha = 1$: $x$ for $x > 0$, $e^x - 1$ otherwise), and find the value PyTorch
# gives for ELU's derivative at exactly 0.

# %% [markdown] tags=["solution"]
# ### Solution
#
# $\frac{d}{dx}\log(1 + e^x) = \frac{e^x}{1 + e^x} = \sigma(x)$: the derivative of softplus is the
# sigmoid. ELU's derivative is 1 for $x > 0$ and $e^x$ for $x \le 0$; both sides give 1 at 0, so
# ELU is differentiable there and autograd's 1 is the true derivative, not a convention.

# %% tags=["solution"]
points = torch.tensor([-5.0, -1.0, 0.0, 1.0, 5.0])
x = points.clone().requires_grad_()
F.softplus(x).sum().backward()
assert torch.allclose(x.grad, torch.sigmoid(points))

x = points.clone().requires_grad_()
F.elu(x).sum().backward()
elu_prime = torch.where(points > 0, 1.0, torch.exp(points))
assert torch.allclose(x.grad, elu_prime)
assert x.grad[2].item() == 1.0  # ELU'(0)
print([round(g, 4) for g in x.grad.tolist()])

# %% [markdown]
# ## Exercise 3: binary cross-entropy, written stably
#
# Write `bce_with_logits(z, y)`, the mean binary cross-entropy of logits `z` and targets `y`, using
# $\max(z, 0) - yz + \log(1 + e^{-|z|})$ (use `torch.log1p`). Check it against
# `nn.BCEWithLogitsLoss` on the logits $-300, -3, 0, 3, 300$ with targets $1, 0, 1, 1, 0$, and show
# that the naive $-[y \log \sigma(z) + (1 - y)\log(1 - \sigma(z))]$ gives `inf` there.

# %% [markdown] tags=["solution"]
# ### Solution
#
# At $z = -300$ with $y = 1$ the sigmoid underflows to 0, and at $z = 300$ with $y = 0$ it rounds
# to 1: both logs are $-\infty$. The stable form stays finite: the true losses are 300 and 300.

# %% tags=["solution"]
def bce_with_logits(z, y):
    softplus_tail = torch.log1p(torch.exp(-z.abs()))
    return (z.clamp(min=0) - y * z + softplus_tail).mean()


z = torch.tensor([-300.0, -3.0, 0.0, 3.0, 300.0])
y = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0])
mine = bce_with_logits(z, y)
library = nn.BCEWithLogitsLoss()(z, y)
assert torch.allclose(mine, library)
p = torch.sigmoid(z)
naive = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
assert torch.isinf(naive)
print(round(mine.item(), 4), round(library.item(), 4))
print(naive.item())

# %% [markdown]
# ## Exercise 4: label smoothing by hand
#
# For `logits = [[3.0, 1.0, 0.0, -1.0]]`, true class 0, four classes and $\varepsilon = 0.2$,
# build the smoothed target distribution $q$, compute $-\sum_c q_c \log p_c$ with `log_softmax`,
# and compare with `nn.CrossEntropyLoss(label_smoothing=0.2)`. What is the smallest value the
# smoothed loss can take, whatever the logits?

# %% [markdown] tags=["solution"]
# ### Solution
#
# $q = (1 - \varepsilon)\,\mathrm{onehot} + \varepsilon / C = [0.85, 0.05, 0.05, 0.05]$. The
# cross-entropy $H(q, p)$ is smallest when $p = q$, and then equals the entropy $H(q)$, which is
# positive: the smoothed loss never reaches 0. Logits with gaps $\log(0.85/0.05)$ reach it.

# %% tags=["solution"]
logits = torch.tensor([[3.0, 1.0, 0.0, -1.0]])
target = torch.tensor([0])
eps, C = 0.2, 4
q = (1 - eps) * F.one_hot(target, C).float() + eps / C
by_hand = -(q * torch.log_softmax(logits, dim=1)).sum()
smoothed_loss = nn.CrossEntropyLoss(label_smoothing=eps)
library = smoothed_loss(logits, target)
assert torch.allclose(by_hand, library)

entropy = -(q * q.log()).sum()  # the floor of the smoothed loss
best_logits = q.log()  # softmax(log q) = q
assert torch.allclose(smoothed_loss(best_logits, target), entropy)
print([round(v, 4) for v in q[0].tolist()])
print(round(library.item(), 4), round(entropy.item(), 4))

# %% [markdown]
# ## Exercise 5: a padded batch and `ignore_index`
#
# A batch of 2 sequences of length 4 over 3 classes has logits of shape $[2, 4, 3]$ and targets
# `[[0, 2, 1, -100], [1, -100, -100, -100]]`: the `-100` positions are padding. Compute the mean
# cross-entropy over the real positions only, once with `nn.CrossEntropyLoss` (mind which
# dimension the classes must be on) and once by hand with a mask. How many positions count?

# %% [markdown] tags=["solution"]
# ### Solution
#
# The classes must be on dim 1, so the logits go in as `permute(0, 2, 1)`, shape $[2, 3, 4]$.
# Four positions are real; the mean divides by 4, not by the 8 positions of the batch.

# %% tags=["solution"]
seq_logits = torch.randn(2, 4, 3)
seq_targets = torch.tensor([[0, 2, 1, -100],
                            [1, -100, -100, -100]])
classes_on_dim_1 = seq_logits.permute(0, 2, 1)  # [2, 3, 4]
library = nn.CrossEntropyLoss()(classes_on_dim_1, seq_targets)

mask = seq_targets != -100
# [4, 3]: the log-probabilities of the real positions only
log_probs = torch.log_softmax(seq_logits, dim=2)[mask]
picked = log_probs[torch.arange(mask.sum()), seq_targets[mask]]
by_hand = -picked.mean()
assert mask.sum().item() == 4
assert torch.allclose(library, by_hand)
print(mask.sum().item())
print(round(library.item(), 4), round(by_hand.item(), 4))

# %% [markdown]
# ## Exercise 6: gradient descent on cross-entropy
#
# Treat a row of logits itself as the parameter: `z = torch.zeros(1, 3, requires_grad=True)`, true
# class 2. Take 20 steps of $z \leftarrow z - 0.5\,\nabla_z \ell$ by hand. Check at each step that
# the gradient is $\mathrm{softmax}(z) - \mathrm{onehot}(y)$, that the loss goes down at every
# step, and that the sum of the logits never changes. Why can it not change?

# %% [markdown] tags=["solution"]
# ### Solution
#
# Each gradient row sums to $\sum_k p_k - 1 = 0$, so every step adds a vector with zero sum to
# $z$: the total of the logits stays at its starting value, 0. The loss falls at every step,
# towards 0 without reaching it (the true logit would have to be infinitely far ahead).

# %% tags=["solution"]
z = torch.zeros(1, 3, requires_grad=True)
y = torch.tensor([2])
losses = []
for _ in range(20):
    loss = F.cross_entropy(z, y)
    loss.backward()
    expected = torch.softmax(z, dim=1) - F.one_hot(y, 3)
    assert torch.allclose(z.grad, expected.detach())
    with torch.no_grad():
        z -= 0.5 * z.grad
    z.grad = None
    losses.append(loss.item())
assert all(b < a for a, b in zip(losses, losses[1:]))
assert abs(z.sum().item()) < 1e-5
print(round(losses[0], 4), round(losses[-1], 4))
print([round(v, 4) for v in z[0].tolist()])
