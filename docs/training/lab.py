# %% [markdown]
# # Lab: gradients and training
#
# Nine exercises on the chapter's ideas: measuring vanishing gradients, fixing them with an
# initialization, SGD with momentum written by hand, a training loop with two bugs to find,
# three diagnoses (the checks before training, a network whose output ignores its input, and dead
# units), BatchNorm's running estimates by hand, and Nesterov's momentum on a ravine. Each one states a task, then gives a worked solution that checks itself with `assert`. Try the
# task before opening the solution. Everything runs on the CPU in a few seconds; only `torch` is
# needed, nothing is downloaded.

# %%
import copy
import math

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

# %% [markdown]
# ## Exercise 5: two checks before training
#
# Before training anything, run the two checks of the
# [diagnosis page](diagnosing-training.md). First, the loss of the 12-layer tanh network of
# Exercise 1, at PyTorch's default initialization, on the batch `x`, `y`: compare it with
# $\ln 5$ plus half the variance of each row's logits. Second, take 8 of those examples and train
# the network of Exercise 2 (Xavier initialization, from the same seed) on them alone (Adam, learning rate 0.01, 200
# steps): the loss must fall below 0.01 and all 8 must be classified correctly.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The default-initialized network's logits are small, so its first loss is close to $\ln 5
# \approx 1.61$. A network that cannot memorize 8 examples has a bug; this one can.

# %% tags=["solution"]
torch.manual_seed(1)
with torch.no_grad():
    logits = tanh_mlp()(x)
first = nn.functional.cross_entropy(logits, y).item()
estimate = math.log(5) + logits.var(dim=1, unbiased=False).mean().item() / 2
print(f"first loss {first:.3f}, ln 5 = {math.log(5):.3f}, estimate {estimate:.3f}")
assert abs(first - math.log(5)) < 0.05
assert abs(first - estimate) < 0.05

torch.manual_seed(1)
xavier_net = tanh_mlp()  # as in Exercise 2
for m in xavier_net:
    if isinstance(m, nn.Linear):
        nn.init.xavier_normal_(m.weight, gain=nn.init.calculate_gain("tanh"))
        nn.init.zeros_(m.bias)
x8, y8 = x[:8], y[:8]
optimizer = torch.optim.Adam(xavier_net.parameters(), lr=0.01)
for step in range(200):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(xavier_net(x8), y8)
    loss.backward()
    optimizer.step()
correct = (xavier_net(x8).argmax(dim=1) == y8).sum().item()
print(f"8 examples: loss {loss.item():.4f}, correct {correct}/8")
assert loss.item() < 0.01 and correct == 8

# %% [markdown]
# ## Exercise 6: a network whose output ignores its input
#
# Build a 12-layer MLP, 32 units wide, with `nn.Sigmoid()` between its layers, at PyTorch's
# default initialization (`torch.manual_seed(1)` first). Run the batch `x` through it and, for
# the output of every sigmoid, measure the **spread over the batch**: each unit's standard
# deviation across the 128 examples, averaged over the units. Then build the same network with an
# `nn.BatchNorm1d(32)` between each `nn.Linear` and its sigmoid, and measure again. What happens to
# the spread of the last sigmoid?

# %% [markdown] tags=["solution"]
# ### Solution
#
# Without normalization each layer multiplies the differences between examples by about
# $\sqrt{1/3} \cdot \sigma'(z) \approx 0.14$, so by the last layer every example gives nearly the
# same activations, while the standard deviation over all values stays well above 0 (the units
# differ from one another). BatchNorm divides each unit by its spread over the batch, so the
# spread comes back at every layer.

# %% tags=["solution"]
def sigmoid_mlp(norm, depth=12, width=32, classes=5):
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), *norm(width), nn.Sigmoid()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


def spreads(model, x):
    out, h = [], x
    with torch.no_grad():
        for layer in model:
            h = layer(h)
            if isinstance(layer, nn.Sigmoid):
                out.append((h.std(dim=0).mean().item(), h.std().item()))
    return out


torch.manual_seed(1)
plain = spreads(sigmoid_mlp(lambda w: []), x)
torch.manual_seed(1)
normed = spreads(sigmoid_mlp(lambda w: [nn.BatchNorm1d(w)]), x)
print(f"last sigmoid, plain: spread {plain[-1][0]:.1e}, std {plain[-1][1]:.2f}")
print(f"last sigmoid, BatchNorm: spread {normed[-1][0]:.2f}")
assert plain[-1][0] < 1e-5 < 0.05 < plain[-1][1]
assert normed[-1][0] > 0.1

# %% [markdown]
# ## Exercise 7: dead units at two learning rates
#
# Train the fixed blob classifier of Exercise 4 (`nn.Linear(2, 32)`, ReLU, `nn.Linear(32, 3)`)
# for 100 full-batch steps of plain SGD, once at a learning rate of 0.5 and once at 50, from the
# same seed. Before and after, count its **dead** units: hidden units whose output is 0 for every
# one of the 300 training points. Can a dead unit of this layer come back under plain SGD?

# %% [markdown] tags=["solution"]
# ### Solution
#
# A dead first-layer unit gets a gradient of exactly 0 from every point, because its output is 0
# everywhere and the data never changes: plain SGD never moves it again, so the count can only
# grow. A learning rate of 50 kills units in its first steps.

# %% tags=["solution"]
def count_dead(model, x):
    with torch.no_grad():
        h = model[1](model[0](x))
    return int(((h > 0).sum(dim=0) == 0).sum())


for lr in (0.5, 50.0):
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 3))
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    before = count_dead(net, x_train)
    dead_per_step = []
    for step in range(100):
        optimizer.zero_grad()
        nn.functional.cross_entropy(net(x_train), y_train).backward()
        optimizer.step()
        dead_per_step.append(count_dead(net, x_train))
    print(f"lr {lr}: dead before {before}, after {dead_per_step[-1]} of 32")
    assert all(a <= b for a, b in zip(dead_per_step, dead_per_step[1:]))
    if lr == 50.0:
        assert dead_per_step[-1] > before

# %% [markdown]
# ## Exercise 8: BatchNorm by hand, in both modes
#
# Make an `nn.BatchNorm1d(3)` and feed it, in training mode, three batches of 16 examples whose
# units have mean 5 and standard deviation 3. Keep your own running mean and running variance
# beside it, updated after each batch as PyTorch does, and check them against `running_mean` and
# `running_var`. Then switch to evaluation mode and check its output on a fourth batch against
# your own formula.

# %% [markdown] tags=["solution"]
# ### Solution
#
# PyTorch's momentum of 0.1 is the weight of the new batch, and the running variance uses the
# unbiased variance of the batch (divided by $B - 1$), while the normalization in training mode
# uses the biased one. The estimates start at 0 and 1.

# %% tags=["solution"]
torch.manual_seed(0)
layer = nn.BatchNorm1d(3)
mean_hat, var_hat, m = torch.zeros(3), torch.ones(3), layer.momentum
for _ in range(3):
    batch = 5 + 3 * torch.randn(16, 3)
    layer(batch)  # training mode: normalizes with the batch, updates the buffers
    mean_hat = (1 - m) * mean_hat + m * batch.mean(dim=0)
    var_hat = (1 - m) * var_hat + m * batch.var(dim=0)  # unbiased: B - 1
assert torch.allclose(layer.running_mean, mean_hat, atol=1e-6)
assert torch.allclose(layer.running_var, var_hat, atol=1e-5)

layer.eval()
batch = 5 + 3 * torch.randn(16, 3)
expected = (batch - mean_hat) / torch.sqrt(var_hat + layer.eps) * layer.weight + layer.bias
assert torch.allclose(layer(batch), expected, atol=1e-5)
print(f"running mean after 3 batches: {mean_hat.mean().item():.2f} (the data's: 5)")

# %% [markdown]
# ## Exercise 9: Nesterov by hand, and on a ravine
#
# `torch.optim.SGD(lr=η, momentum=μ, nesterov=True)` keeps the same buffer as plain momentum,
# $b_1 = g_1$, $b_t = \mu b_{t-1} + g_t$, but steps by $\eta\,(g_t + \mu\, b_t)$. Write it by hand
# for the two numbers $(x, y)$ of the ravine $f = x^2/20 + y^2$, from $(-4, 1)$ with $\eta = 0.1$
# and $\mu = 0.9$, and check 50 steps against `torch.optim.SGD`. Then count, for plain momentum
# and for Nesterov, the steps until $f < 10^{-3}$.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The gradient of the ravine is $(x/10, 2y)$. Nesterov's extra $\mu b_t$ is the step the buffer
# is about to take: it reacts to a turning gradient one step earlier, which damps the swings
# across the ravine, and it gets there in fewer than half the steps.

# %% tags=["solution"]
def ravine_steps(nesterov, steps=200):
    point, buffer, path = torch.tensor([-4.0, 1.0], dtype=torch.float64), None, []
    for _ in range(steps):
        g = torch.stack([point[0] / 10, 2 * point[1]])
        buffer = g.clone() if buffer is None else 0.9 * buffer + g
        point = point - 0.1 * (g + 0.9 * buffer if nesterov else buffer)
        path.append(point)
    return path


p = torch.tensor([-4.0, 1.0], dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True)
for step, mine in zip(range(50), ravine_steps(nesterov=True)):
    optimizer.zero_grad()
    (p[0] ** 2 / 20 + p[1] ** 2).backward()
    optimizer.step()
    assert torch.allclose(p.detach(), mine, atol=1e-12)

first = {}
for nesterov in (False, True):
    values = [(q[0] ** 2 / 20 + q[1] ** 2).item() for q in ravine_steps(nesterov)]
    first[nesterov] = next(t for t, v in enumerate(values, start=1) if v < 1e-3)
print(f"steps to f < 1e-3: momentum {first[False]}, Nesterov {first[True]}")
assert first[True] < first[False] / 2
