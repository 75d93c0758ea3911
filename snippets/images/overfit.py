import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, train_set, val_set

# --8<-- [start:overfit]
from torch.utils.data import Subset

x, y = next(iter(DataLoader(Subset(train_set, range(32)), batch_size=32)))
x, y = x.to(device), y.to(device)  # 32 training images: one batch
x_val, y_val = next(iter(DataLoader(val_set, batch_size=250)))
x_val, y_val = x_val.to(device), y_val.to(device)

torch.manual_seed(0)
model = NeuralNetwork().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
curves = {"train": [], "validation": {}}  # validation: step -> loss
for step in range(1, 41):
    model.train()
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    curves["train"].append(loss.item())
    if step % 2 == 0:  # (1)!
        model.eval()
        with torch.no_grad():
            val_loss = nn.functional.cross_entropy(model(x_val), y_val)
        curves["validation"][step] = val_loss.item()
# --8<-- [end:overfit]

# --8<-- [start:read]
train, val = curves["train"], list(curves["validation"].values())
best = min(curves["validation"], key=curves["validation"].get)
print(f"training loss: {train[0]:.2f} -> {train[-1]:.0e}")
#> training loss: 2.33 -> 8e-04
print(f"validation loss: {val[0]:.2f} -> lowest {min(val):.2f}"
      f" at step {best} -> {val[-1]:.1f}")  # (1)!
#> validation loss: 2.22 -> lowest 1.74 at step 12 -> 3.9
print("ends above where it started:", val[-1] > val[0])
#> ends above where it started: True
# --8<-- [end:read]
