# --8<-- [start:fit]
import torch
from torch import nn

from snippets.training.spirals import two_spirals

x_train, y_train = two_spirals(300, seed=0)  # the data of the previous page
x_test, y_test = two_spirals(300, seed=1)

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU


def spiral_model(dropout=0.0):
    torch.manual_seed(0)  # every call: the same initial weights
    return nn.Sequential(
        nn.Linear(2, 64), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(64, 64), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(64, 2),
    ).to(device)


def fit(model, x, y, *, lr=0.01, steps=150, opt=torch.optim.Adam,
        zero_grad=True, probabilities=False):
    """Full-batch training; two switches turn on a mistake. Returns losses."""
    x, y = x.to(device), y.to(device)
    optimizer, loss_fn = opt(model.parameters(), lr=lr), nn.CrossEntropyLoss()
    losses = []
    model.train()
    for _ in range(steps):
        if zero_grad:
            optimizer.zero_grad()
        out = model(x)
        loss = loss_fn(out.softmax(dim=1) if probabilities else out, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@torch.inference_mode()
def accuracy(model, x, y):
    predicted = model(x.to(device)).argmax(dim=1)
    return (predicted == y.to(device)).float().mean().item()
# --8<-- [end:fit]
