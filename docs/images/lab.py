# %% [markdown]
# # Lab: Fashion-MNIST
#
# Four exercises on the chapter: reading the labels' IDX file by hand, the quickstart's learning
# rate made a hundred times larger, a model saved, loaded safely and used on a batch of test
# images, and what the network takes shirts for. Each one states a task, then gives a worked
# solution that checks itself with `assert`. Try the task before opening the solution.
#
# The notebook needs `torch` and `torchvision`. With `root="data"`, torchvision reads the four
# Fashion-MNIST files from `./data/FashionMNIST/raw/`, and downloads them there (about 30 MB) the
# first time. Everything else runs on the CPU in a few seconds.

# %%
import os
import struct

import torch
from torch import nn
from torch.utils.data import DataLoader, Subset
from torchvision import datasets
from torchvision.transforms import ToTensor

training_data = datasets.FashionMNIST(root="data", train=True, download=True, transform=ToTensor())
test_data = datasets.FashionMNIST(root="data", train=False, download=True, transform=ToTensor())
classes = training_data.classes


class NeuralNetwork(nn.Module):  # the quickstart's network
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512), nn.ReLU(),
            nn.Linear(512, 512), nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


order = torch.randperm(60_000, generator=torch.Generator().manual_seed(0))
train_set = Subset(training_data, order[:1000].tolist())
val_set = Subset(training_data, order[-1000:].tolist())


def train(make_optimizer, epochs=1):
    torch.manual_seed(0)
    model = NeuralNetwork()
    optimizer = make_optimizer(model.parameters())
    loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=torch.Generator().manual_seed(0))
    for _ in range(epochs):
        for x, y in loader:
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model


@torch.no_grad()
def correct(model, dataset):
    model.eval()
    x, y = next(iter(DataLoader(dataset, batch_size=len(dataset))))
    return (model(x).argmax(dim=1) == y).sum().item()


# %% [markdown]
# ## Exercise 1: the labels' file by hand
#
# `data/FashionMNIST/raw/train-labels-idx1-ubyte` is an IDX file with one dimension. Read its
# header with `struct` (magic number and count, big-endian), check the magic number is `0x801`,
# then read the labels as a tensor of bytes and check they equal `training_data.targets`.

# %% [markdown] tags=["solution"]
# ### Solution
#
# The header is two 4-byte big-endian integers (`">2I"`); the labels follow, one byte each. The
# dataset stores them as `int64`, so convert before comparing.

# %% tags=["solution"]
path = os.path.join(training_data.raw_folder, "train-labels-idx1-ubyte")
with open(path, "rb") as f:
    magic, count = struct.unpack(">2I", f.read(8))
    labels = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8)
print(hex(magic), count, labels[:10].tolist())
assert magic == 0x801 and count == 60_000
assert torch.equal(labels.long(), training_data.targets)

# %% [markdown]
# ## Exercise 2: the quickstart's recipe with a larger learning rate
#
# The chapter measured the quickstart's SGD at `lr=1e-3`: its steps are about 30 times too small
# for this network. Train one epoch of the 1,000 training images (16 steps) with SGD at `1e-3`
# and at `1e-1`, from the same initial weights, and count the right answers on the 1,000
# validation images. How many times more does the larger rate get right?

# %% [markdown] tags=["solution"]
# ### Solution
#
# `train` seeds the initialization and the batches, so the two runs differ only in the learning
# rate. After 16 steps at `1e-3` the network still guesses; at `1e-1` it has learned a good part
# of the task.

# %% tags=["solution"]
slow = correct(train(lambda p: torch.optim.SGD(p, lr=1e-3)), val_set)
fast = correct(train(lambda p: torch.optim.SGD(p, lr=1e-1)), val_set)
print(f"lr 1e-3: {slow} of 1000   lr 1e-1: {fast} of 1000")
assert slow < 200 and fast > 2 * slow

# %% [markdown]
# ## Exercise 3: save, load safely, predict a batch
#
# Train a model with Adam (`lr=1e-3`, one epoch), save its `state_dict` to `lab_weights.pth`,
# load it with `torch.load(..., weights_only=True)` into a fresh `NeuralNetwork`, and predict the
# first 8 test images **as one batch** of shape `[8, 1, 28, 28]`. Check that the loaded model
# predicts exactly what the trained one does, and print the class names.

# %% [markdown] tags=["solution"]
# ### Solution
#
# A dataset returns one `[1, 28, 28]` image at a time; `torch.stack` puts 8 of them along a new
# first axis, the batch axis. The loaded weights are copies of the saved ones, bit for bit, so
# the predictions are identical.

# %% tags=["solution"]
model = train(lambda p: torch.optim.Adam(p, lr=1e-3))
torch.save(model.state_dict(), "lab_weights.pth")
loaded = NeuralNetwork()
print(loaded.load_state_dict(torch.load("lab_weights.pth", weights_only=True)))
loaded.eval()
model.eval()

batch = torch.stack([test_data[i][0] for i in range(8)])
with torch.no_grad():
    predicted = loaded(batch).argmax(dim=1)
    assert torch.equal(predicted, model(batch).argmax(dim=1))
print([classes[k] for k in predicted.tolist()])
print([classes[test_data[i][1]] for i in range(8)])
assert tuple(batch.shape) == (8, 1, 28, 28)
os.remove("lab_weights.pth")

# %% [markdown]
# ## Exercise 4: what does the network take shirts for?
#
# With the model of exercise 3, predict the first 1,000 test images and build the confusion
# matrix with `torch.bincount`. Among the test shirts it gets wrong, which class does it predict
# most often? Is that class one of the other tops (T-shirt/top, pullover, coat)?

# %% [markdown] tags=["solution"]
# ### Solution
#
# Row 6 of the matrix is the shirts; zero its diagonal cell and take the largest of the rest.

# %% tags=["solution"]
x, y = next(iter(DataLoader(Subset(test_data, range(1000)), batch_size=1000)))
with torch.no_grad():
    y_hat = model(x).argmax(dim=1)
confusion = torch.bincount(10 * y + y_hat, minlength=100).view(10, 10)
shirts = confusion[classes.index("Shirt")].clone()
shirts[classes.index("Shirt")] = 0
taken_for = classes[shirts.argmax().item()]
print(confusion[classes.index("Shirt")].tolist(), "->", taken_for)
assert taken_for in ("T-shirt/top", "Pullover", "Coat")
