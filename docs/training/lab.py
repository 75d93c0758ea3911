# %% [markdown]
# # Lab: gradients and training
#
# Four exercises on the chapter's ideas: measuring vanishing gradients, fixing them with an
# initialization, SGD with momentum written by hand, and a training loop with two bugs to find.
# Each one states a task, then gives a worked solution that checks itself with `assert`. Try the
# task before opening the solution. Everything runs on the CPU in a few seconds; only `torch` is
# needed, nothing is downloaded.

# %%
import copy

import torch
from torch import nn

_ = torch.manual_seed(0)  # returns the generator; `_ =` keeps it off the page

# %% [markdown]
# ## Exercise 1: measure the vanishing gradient of a tanh network
#
# Build a 12-layer MLP, 32 units wide, with `nn.Tanh()` between consecutive `nn.Linear` layers
# (11 activations) and 5 output logits. Run one batch of 128 random inputs with random labels
# through it, call `backward()` on the cross-entropy loss, and list the gradient norm of every
# layer's weight. How much smaller is layer 1's than layer 12's at PyTorch's default
# initialization?

# %% [markdown] tags=["solution"]
# ### Solution
#
# Collect the `nn.Linear` layers in order and read `layer.weight.grad.norm()` after the backward
# pass. Each layer multiplies the backward signal by about $\sqrt{n \sigma_w^2} \cdot
# \mathbb{E}[\tanh']$; the default $\sigma_w^2 = 1/(3n)$ makes the first factor $\sqrt{1/3}$, so
# the gradient shrinks layer after layer.

# %% tags=["solution"]
def tanh_mlp(depth=12, width=32, classes=5):
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.Tanh()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


def grad_norms(model, x, y):
    model.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    return [layer.weight.grad.norm().item() for layer in linears]


x = torch.randn(128, 32)
y = torch.randint(0, 5, (128,))
torch.manual_seed(1)
default = grad_norms(tanh_mlp(), x, y)
ratio_default = default[0] / default[-1]
print([f"{g:.1e}" for g in default])
print(f"layer 1 / layer 12: {ratio_default:.1e}")
assert len(default) == 12
assert ratio_default < 0.05  # about a hundred times smaller

# %% [markdown]
# ## Exercise 2: fix it with Xavier initialization
#
# Re-initialize the same network (same seed) with `nn.init.xavier_normal_` and the gain that
# `nn.init.calculate_gain("tanh")` gives, biases at zero, and measure again. Check that the
# variance of a re-initialized weight matrix is close to $\text{gain}^2 \cdot 2 / (n_{in} +
# n_{out})$.

# %% [markdown] tags=["solution"]
# ### Solution
#
# Xavier keeps the variance of the signal the same from layer to layer on the forward and the
# backward pass; the gain, 5/3, makes up for tanh's slope being below 1 away from 0. The ratio
# between the first and last layers comes back to order 1.

# %% tags=["solution"]
torch.manual_seed(1)
model = tanh_mlp()
gain = nn.init.calculate_gain("tanh")
for m in model:
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight, gain=gain)
        nn.init.zeros_(m.bias)
xavier = grad_norms(model, x, y)
ratio_xavier = xavier[0] / xavier[-1]
print([f"{g:.1e}" for g in xavier])
print(f"layer 1 / layer 12: {ratio_xavier:.2f} "
      f"(default init: {ratio_default:.1e})")
assert 0.1 < ratio_xavier < 10

w = model[2].weight  # a 32 x 32 hidden layer
expected = gain**2 * 2 / (32 + 32)
print(f"variance {w.var().item():.4f}, expected {expected:.4f}")
assert abs(w.var().item() - expected) < 0.2 * expected

# %% [markdown]
# ## Exercise 3: SGD with momentum, by hand
#
# `torch.optim.SGD(params, lr, momentum=0.9)` keeps a velocity $b$ per parameter:
# $b_1 = g_1$, then $b_t = \mu\, b_{t-1} + g_t$, and updates $\theta \leftarrow \theta - \eta\,
# b_t$. Write those updates by hand under `torch.no_grad()` for 10 steps on a small model, run
# `torch.optim.SGD` with `momentum=0.9` on a copy, and check that the parameters agree.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The velocity starts as a copy of the first gradient (not as zeros), exactly as PyTorch
# documents it. The two runs agree to float32 rounding.

# %% tags=["solution"]
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
twin = copy.deepcopy(net)
inputs, labels = torch.randn(32, 4), torch.randint(0, 3, (32,))
lr, mu = 0.1, 0.9
velocity = [None for _ in net.parameters()]
for step in range(10):
    net.zero_grad()
    nn.functional.cross_entropy(net(inputs), labels).backward()
    with torch.no_grad():
        for i, p in enumerate(net.parameters()):
            if velocity[i] is None:
                velocity[i] = p.grad.clone()  # b_1 = g_1
            else:
                velocity[i] = mu * velocity[i] + p.grad
            p -= lr * velocity[i]

optimizer = torch.optim.SGD(twin.parameters(), lr=lr, momentum=mu)
for step in range(10):
    optimizer.zero_grad()
    nn.functional.cross_entropy(twin(inputs), labels).backward()
    optimizer.step()

for a, b in zip(net.parameters(), twin.parameters()):
    assert torch.allclose(a, b, atol=1e-6)
print("momentum by hand == torch.optim.SGD(momentum=0.9)")

# %% [markdown]
# ## Exercise 4: find the two bugs
#
# The loop below trains a classifier on three Gaussian blobs. It runs without an error, and on
# these easy blobs its accuracy even looks fine, but its loss stays far above what the model can
# reach. Find the two mistakes (the chapter's pitfalls page shows both), fix them, and check that
# the fixed loop ends with a lower loss and a held-out accuracy above 90 %.

# %%
def blobs(n_per_class, seed):
    g = torch.Generator().manual_seed(seed)
    centers = torch.tensor([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
    x = torch.cat([c + 0.8 * torch.randn(n_per_class, 2, generator=g)
                   for c in centers])
    y = torch.arange(3).repeat_interleave(n_per_class)
    return x, y


x_train, y_train = blobs(100, seed=0)
x_test, y_test = blobs(100, seed=1)


def buggy_training():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3),
                          nn.Softmax(dim=1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for step in range(100):
        loss = nn.functional.cross_entropy(model(x_train), y_train)
        loss.backward()
        optimizer.step()
    return model, loss.item()


# %% [markdown] tags=["solution"]
# ### Solution
#
# The model ends in `nn.Softmax`, so `cross_entropy` receives probabilities and applies a second
# softmax: the loss cannot go below a floor, and the gradient reaching the logits passes through
# the first softmax's derivative, which vanishes for every confident example, right or wrong (a
# confidently misclassified point is no longer corrected). And the loop never calls
# `optimizer.zero_grad()`, so every step uses the sum of all the gradients so far. Remove the
# softmax (the model returns logits), zero the gradients every step, and evaluate with
# `model.eval()` under `torch.inference_mode()`.

# %% tags=["solution"]
def fixed_training():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(),
                          nn.Linear(32, 3))  # logits out
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for step in range(100):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x_train), y_train)
        loss.backward()
        optimizer.step()
    return model, loss.item()


@torch.inference_mode()
def accuracy(model, x, y):
    model.eval()
    return (model(x).argmax(dim=1) == y).float().mean().item()


buggy, buggy_loss = buggy_training()
fixed, fixed_loss = fixed_training()
for name, model, loss in [("buggy", buggy, buggy_loss), ("fixed", fixed, fixed_loss)]:
    print(f"{name}: loss {loss:.3f}, "
          f"held-out accuracy {accuracy(model, x_test, y_test):.3f}")
assert fixed_loss < buggy_loss
assert accuracy(fixed, x_test, y_test) > 0.9
