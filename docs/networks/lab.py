# %% [markdown]
# # Lab: build and run a network
#
# Six exercises on the chapter's ideas: counting parameters, a linear layer by hand, flattening,
# watching a forward pass, turning logits into predictions, and cross-entropy by hand. Each one
# states a task, then gives a worked solution that checks itself with `assert`. Try the task
# before reading the solution. Everything runs on the CPU in a few seconds; only `torch` is
# needed, nothing is downloaded.

# %%
import torch
from torch import nn

_ = torch.manual_seed(0)  # manual_seed returns the generator; `_ =` keeps it off the page

# %% [markdown]
# ## Exercise 1: count the parameters of the notes' `Net`
#
# The first notes build `Net` with `nn.Linear(10, 20)`, `nn.Linear(20, 20)` and
# `nn.Linear(20, 4)`. A `Linear(n_in, n_out)` has a weight of shape $[n_{out}, n_{in}]$ and a bias of
# $n_{out}$ numbers, so $n_{in} \cdot n_{out} + n_{out}$ parameters. Compute the total by the formula,
# then check it against `sum(p.numel() for p in net.parameters())`.

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 20)
        self.fc2 = nn.Linear(20, 20)
        self.output = nn.Linear(20, 4)

    def forward(self, x):
        return self.output(self.fc2(self.fc1(x)))


sizes = [(10, 20), (20, 20), (20, 4)]
by_formula = sum(n_in * n_out + n_out for n_in, n_out in sizes)
net = Net()
counted = sum(p.numel() for p in net.parameters())
assert by_formula == counted == 724
print(by_formula, counted)

# %% [markdown]
# ## Exercise 2: a linear layer by hand
#
# `nn.Linear` computes $y = x W^\top + b$. For `layer = nn.Linear(3, 2)` and a batch `x` of shape
# $[5, 3]$, compute $y$ from `layer.weight` and `layer.bias` with `@` and `.T`, and check that it
# matches `layer(x)`. What is the shape of $y$?

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
layer = nn.Linear(3, 2)
x = torch.rand(5, 3)
y_by_hand = x @ layer.weight.T + layer.bias  # [5, 3] @ [3, 2] + [2] -> [5, 2]
assert torch.allclose(y_by_hand, layer(x))
assert y_by_hand.shape == (5, 2)
print(tuple(layer.weight.shape), tuple(y_by_hand.shape))

# %% [markdown]
# ## Exercise 3: flatten a batch of images, and catch the bug
#
# A batch of 8 gray images has shape $[8, 1, 28, 28]$; the first layer of the classifier wants
# $[8, 784]$. Flatten it with `nn.Flatten()`. Then try `torch.flatten(images)` with no other
# argument: what shape do you get, and why does it break the model? Fix the call.

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
images = torch.rand(8, 1, 28, 28)
good = nn.Flatten()(images)  # start_dim=1: keeps the batch axis
wrong = torch.flatten(images)  # start_dim=0: flattens the batch axis too
fixed = torch.flatten(images, start_dim=1)
assert good.shape == (8, 784) and fixed.shape == (8, 784)
assert wrong.shape == (8 * 784,)  # one long vector: 8 images merged into one
assert torch.equal(good, fixed)
print(tuple(good.shape), tuple(wrong.shape), tuple(fixed.shape))

first_layer = nn.Linear(784, 512)
try:
    first_layer(wrong)  # a 1-D input is one sample of 6272 features, not 8 samples of 784
except RuntimeError as error:
    print(error)  # mat1 and mat2 shapes cannot be multiplied (1x6272 and 784x512)
else:
    raise AssertionError("a batch flattened into one vector should not fit a 784 -> 512 layer")
assert tuple(first_layer(fixed).shape) == (8, 512)

# %% [markdown]
# ## Exercise 4: build the classifier, watch the shapes
#
# Build the classifier of the chapter with `nn.Sequential`: `Flatten`, `Linear(784, 512)`, `ReLU`,
# `Linear(512, 512)`, `ReLU`, `Linear(512, 10)`. Register a forward hook on each layer that
# records the shape of its output, run the batch of exercise 3 through it, remove the hooks, and
# list the shapes. Check the total parameter count, 669,706.

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
classifier = nn.Sequential(
    nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)
)
shapes = []
handles = [
    layer.register_forward_hook(lambda module, inputs, output: shapes.append(tuple(output.shape)))
    for layer in classifier
]
logits = classifier(images)
for handle in handles:
    handle.remove()

assert shapes == [(8, 784), (8, 512), (8, 512), (8, 512), (8, 512), (8, 10)]
assert sum(p.numel() for p in classifier.parameters()) == 669_706
for layer, shape in zip(classifier, shapes):
    print(f"{type(layer).__name__:8} {shape}")

# %% [markdown]
# ## Exercise 5: logits, probabilities, predictions
#
# For the logits below (3 examples, 4 classes), compute the probabilities
# $\mathrm{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}$ row by row, by hand and with `torch.softmax`,
# check that every row sums to 1, and find the predicted classes. Do the predictions change if you
# take the argmax of the logits instead of the probabilities?

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
scores = torch.tensor([[2.0, -1.0, 0.5, 0.1], [-0.3, 0.8, 4.0, -2.0], [1.2, 1.1, -0.5, 3.3]])
probs = torch.softmax(scores, dim=1)  # dim=1: over the classes of each example
by_hand = scores.exp() / scores.exp().sum(dim=1, keepdim=True)
assert torch.allclose(probs, by_hand)
assert torch.allclose(probs.sum(dim=1), torch.ones(3))
predicted = probs.argmax(dim=1)
assert torch.equal(predicted, scores.argmax(dim=1))  # softmax keeps the order in a row
print([round(p, 4) for p in probs[0].tolist()], predicted.tolist())

# %% [markdown]
# ## Exercise 6: cross-entropy by hand
#
# With the true classes `targets = [0, 2, 1]`, the cross-entropy loss is the batch mean of
# $-\log \mathrm{softmax}(z)_y$. Compute it by hand from `scores`, then with `nn.CrossEntropyLoss`
# twice: once with the class indices, once with one-hot targets. All three must agree. Finally,
# compute the loss of `torch.softmax(scores, dim=1)` (the double-softmax bug) and see that it
# differs.

# %% [markdown] tags=["solution"]
# ### Solution

# %% tags=["solution"]
targets = torch.tensor([0, 2, 1])
loss_by_hand = -torch.log(probs[torch.arange(3), targets]).mean()
loss_fn = nn.CrossEntropyLoss()
loss_indices = loss_fn(scores, targets)
loss_one_hot = loss_fn(scores, nn.functional.one_hot(targets, num_classes=4).float())
assert torch.allclose(loss_by_hand, loss_indices) and torch.allclose(loss_by_hand, loss_one_hot)
loss_double = loss_fn(probs, targets)  # softmax applied twice: wrong
assert not torch.allclose(loss_double, loss_indices)
print(round(loss_by_hand.item(), 4), round(loss_indices.item(), 4), round(loss_double.item(), 4))
