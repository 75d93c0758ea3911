# --8<-- [start:split]
import torch

from snippets.training.fit import spiral_model, x_train, y_train

order = torch.randperm(600, generator=torch.Generator().manual_seed(0))
train, val, test = order[:200], order[200:400], order[400:]  # (1)!
x_tr, x_val, x_te = (x_train[i].double() for i in (train, val, test))
y_tr, y_val, y_te = (y_train[i] for i in (train, val, test))
flip = torch.rand(200, generator=torch.Generator().manual_seed(1)) < 0.2
y_tr[flip] = 1 - y_tr[flip]  # (2)!


def model64(dropout=0.0):
    """The spiral model's initial weights, in float64, on the CPU."""
    return spiral_model(dropout).to("cpu", torch.float64)  # (3)!
# --8<-- [end:split]

# --8<-- [start:train]
import copy

from torch import nn


def train_loop(model, optimizer, steps=300, schedule=None):
    """Full batch on the training split. Returns both losses after every
    step, and the lowest validation loss with its step and weights."""
    losses, best = {"train": [], "validation": []}, (float("inf"), 0, None)
    for step in range(1, steps + 1):
        model.train()
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x_tr), y_tr)
        loss.backward()
        optimizer.step()
        if schedule is not None:
            schedule.step()  # (1)!
        model.eval()
        with torch.no_grad():
            val_loss = nn.functional.cross_entropy(model(x_val), y_val).item()
        losses["train"].append(loss.item())
        losses["validation"].append(val_loss)
        if val_loss < best[0]:
            best = (val_loss, step, copy.deepcopy(model.state_dict()))
    return losses, best


@torch.no_grad()
def accuracy(model, x, y):
    model.eval()
    return (model(x).argmax(dim=1) == y).float().mean().item()
# --8<-- [end:train]


# --8<-- [start:schedule]
import math


def warmup_cosine(warmup, total):
    """The factor LambdaLR multiplies the learning rate by at each step."""
    def factor(step):
        if step < warmup:
            return (step + 1) / warmup  # linear: 1/warmup up to 1
        done = (step - warmup) / (total - warmup)  # 0 to 1 after warm-up
        return 0.5 * (1 + math.cos(math.pi * done))  # cosine: 1 down to 0
    return factor
# --8<-- [end:schedule]
