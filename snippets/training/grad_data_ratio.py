# --8<-- [start:init]
import math

import torch
from torch import nn

from snippets.training.fit import device, spiral_model, x_train, y_train

model = spiral_model()  # the classifier, as initialized
linears = [m for m in model if isinstance(m, nn.Linear)]
x, y = x_train.to(device), y_train.to(device)
nn.functional.cross_entropy(model(x), y).backward()  # the whole training set
for i, layer in enumerate(linears, start=1):
    w, g = layer.weight.detach(), layer.weight.grad
    print(f"layer {i} {str(tuple(w.shape)):9}  |W| {w.norm():.2f} "
          f"(sqrt(out/3) {math.sqrt(layer.out_features / 3):.2f})  "
          f"|grad| {g.norm():.3f}  ratio {g.norm() / w.norm():.1e}")
#> layer 1 (64, 2)    |W| 4.65 (sqrt(out/3) 4.62)  |grad| 0.023  ratio 5.0e-03
#> layer 2 (64, 64)   |W| 4.59 (sqrt(out/3) 4.62)  |grad| 0.137  ratio 3.0e-02
#> layer 3 (2, 64)    |W| 0.82 (sqrt(out/3) 0.82)  |grad| 0.107  ratio 1.3e-01
with torch.no_grad():  # each example's hidden vectors, after the ReLUs
    h1, h2 = model[:2](x).norm(dim=1), model[:5](x).norm(dim=1)
print(f"mean |h1| {h1.mean():.2f}, mean |h2| {h2.mean():.2f}, "
      f"ratio {h1.mean() / h2.mean():.2f} (sqrt(6) = {6 ** 0.5:.2f})")
#> mean |h1| 3.30, mean |h2| 1.35, ratio 2.44 (sqrt(6) = 2.45)
# --8<-- [end:init]

# --8<-- [start:training]
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
shuffle = torch.Generator().manual_seed(0)  # the batches of the right rate
ratios, errors = [], []  # per step: each layer's ratio; the mean |p - y|
for epoch in range(20):
    order = torch.randperm(len(x), generator=shuffle).to(device)
    for batch in order.split(50):
        optimizer.zero_grad()
        out = model(x[batch])
        nn.functional.cross_entropy(out, y[batch]).backward()
        ratios.append([(m.weight.grad.norm() / m.weight.norm()).item()
                       for m in linears])  # (1)!
        target = nn.functional.one_hot(y[batch], 2)
        errors.append((out.softmax(dim=1) - target).norm(dim=1).mean().item())
        optimizer.step()
for step in (1, 12, 60, 120, 240):
    shown = "  ".join(f"{r:.0e}" for r in ratios[step - 1])
    print(f"step {step:3d}  layers 1, 2, 3: {shown}  "
          f"mean |p - y| {errors[step - 1]:.2f}")
#> step   1  layers 1, 2, 3: 5e-03  3e-02  1e-01  mean |p - y| 0.71
#> step  12  layers 1, 2, 3: 8e-03  2e-02  1e-01  mean |p - y| 0.64
#> step  60  layers 1, 2, 3: 5e-02  3e-02  7e-02  mean |p - y| 0.49
#> step 120  layers 1, 2, 3: 4e-02  3e-02  7e-02  mean |p - y| 0.21
#> step 240  layers 1, 2, 3: 3e-02  9e-03  2e-02  mean |p - y| 0.06
print(f"layer 3's weight norm: {linears[2].weight.norm():.1f}")
#> layer 3's weight norm: 4.4
# --8<-- [end:training]
