import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, train_set

# --8<-- [start:range]
import math

torch.manual_seed(0)
model = NeuralNetwork().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-4)
loader = DataLoader(train_set, batch_size=64, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
steps, lowest, highest = 64, 1e-4, 10.0
factor = (highest / lowest) ** (1 / (steps - 1))  # (1)!
rates, losses, smooth = [], [], None
for step, (x, y) in enumerate(list(loader) * 4):
    lr = lowest * factor**step
    for group in optimizer.param_groups:
        group["lr"] = lr
    loss = nn.functional.cross_entropy(model(x.to(device)), y.to(device))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    value = loss.item()
    smooth = value if smooth is None else 0.8 * smooth + 0.2 * value  # (2)!
    rates.append(lr)
    losses.append(smooth)
    if not math.isfinite(value) or smooth > 4 * losses[0]:
        break  # (3)!
# --8<-- [end:range]

# --8<-- [start:read]
start, lowest = losses[0], min(losses)
falling = next(r for r, v in zip(rates, losses) if v < start - 0.1)
bottom = [r for r, v in zip(rates, losses) if v < lowest + 0.01]  # (1)!
low, high = bottom[0], bottom[-1]
print(f"starts at {start:.1f}; first falls by 0.1 at lr {falling:.0e}")
#> starts at 2.3; first falls by 0.1 at lr 2e-01
print(f"lowest {lowest:.2f}; within 0.01 of it from lr {low:.0e} to {high:.0e}")
#> lowest 2.06; within 0.01 of it from lr 4e-01 to 9e-01
print(f"stopped after {len(rates)} steps, at lr {rates[-1]:.0e}")
#> stopped after 57 steps, at lr 3e+00
# --8<-- [end:read]
