# --8<-- [start:run]
import statistics

import torch
from torch import nn

from snippets.training.fit import device, spiral_model, x_train, y_train


def run(lr, batch_size=50, epochs=20):
    """The classifier's run (Adam, batches of 50) at a learning rate: the
    training-set loss after each epoch, layer 2's update ratio each step."""
    model = spiral_model()  # the same initial weights every time
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    x, y = x_train.to(device), y_train.to(device)
    shuffle = torch.Generator().manual_seed(0)  # the same batches every run
    w = model[3].weight  # the second Linear layer's weight
    losses, ratios = [], []
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=shuffle).to(device)
        for batch in order.split(batch_size):
            old = w.detach().clone()
            optimizer.zero_grad()
            nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
            ratios.append(((w.detach() - old).norm() / old.norm()).item())
        with torch.no_grad():  # the whole training set, after each epoch
            losses.append(nn.functional.cross_entropy(model(x), y).item())
    return model, losses, ratios
# --8<-- [end:run]


# --8<-- [start:shapes]
runs = {lr: run(lr) for lr in (1e-5, 1e-2, 0.3, 30.0)}
print("lr      loss after epochs 1, 2, 6     first update ratio")
#> lr      loss after epochs 1, 2, 6     first update ratio
for lr, (model, losses, ratios) in runs.items():
    shown = " ".join(f"{losses[e - 1]:<8.3g}" for e in (1, 2, 6))
    print(f"{lr:<6g}  {shown}     {ratios[0]:.0e}")
#> 1e-05   0.71     0.709    0.707        1e-04
#> 0.01    0.648    0.623    0.386        1e-01
#> 0.3     0.672    0.508    0.245        4e+00
#> 30      2.47e+05 3.65e+04 980          4e+02
# --8<-- [end:shapes]

# --8<-- [start:read]
start = spiral_model()[3].weight.norm().item()  # layer 2's initial norm
for lr, (model, losses, ratios) in runs.items():
    grown = model[3].weight.norm().item() / start
    print(f"lr {lr:<5g}  median update ratio {statistics.median(ratios):.0e}"
          f"  layer 2's weight norm x {grown:.2g}")
#> lr 1e-05  median update ratio 8e-05  layer 2's weight norm x 1
#> lr 0.01   median update ratio 9e-03  layer 2's weight norm x 4.3
#> lr 0.3    median update ratio 5e-03  layer 2's weight norm x 21
#> lr 30     median update ratio 8e-05  layer 2's weight norm x 2.1e+03
right = runs[1e-2][1][-1]  # the right rate's last loss
print(f"lr 1e-05, 0.01: epoch 20 {runs[1e-5][1][-1]:.3f}, {right:.3f}")
#> lr 1e-05, 0.01: epoch 20 0.701, 0.048
noisy = runs[0.3][1][10:]  # (1)!
print(f"lr 0.3: epochs 11-20 all above {right:.3f}: {min(noisy) > right}")
#> lr 0.3: epochs 11-20 all above 0.048: True
late = runs[30.0][1][9]
print(f"lr 30: epoch 10 {late:.2f}, above the start (0.71): {late > 0.71}")
#> lr 30: epoch 10 1.48, above the start (0.71): True
# --8<-- [end:read]

# --8<-- [start:noise]
model = runs[1e-2][0]  # the right rate's model, after its 20 epochs
x, y, n = x_train.to(device), y_train.to(device), len(x_train)
with torch.no_grad():  # one loss per training example
    each = nn.functional.cross_entropy(model(x), y, reduction="none")


def gradient(batch):  # all the parameters' gradients, as one vector
    model.zero_grad()
    nn.functional.cross_entropy(model(x[batch]), y[batch]).backward()
    return torch.cat([p.grad.flatten() for p in model.parameters()])


full = gradient(torch.arange(n, device=device))  # the whole training set
draw = torch.Generator().manual_seed(1)
for b in (10, 50, 200):
    picks = [torch.randperm(n, generator=draw)[:b].to(device)
             for _ in range(1000)]  # 1,000 random batches of b examples
    loss_sd = torch.stack([each[p].mean() for p in picks]).std()
    shrink = (n - b) / (n - 1) / b  # (1)!
    noise = torch.stack([gradient(p) - full for p in picks[:200]])
    noise = noise.norm(dim=1).pow(2).mean().sqrt() / full.norm()
    print(f"batch {b:3d}: loss sd {loss_sd:.3f} "
          f"(predicted {(each.var() * shrink).sqrt():.3f})  "
          f"gradient noise / signal {noise:.2g}")
#> batch  10: loss sd 0.052 (predicted 0.057)  gradient noise / signal 4.9
#> batch  50: loss sd 0.024 (predicted 0.025)  gradient noise / signal 2.5
#> batch 200: loss sd 0.010 (predicted 0.010)  gradient noise / signal 1
# --8<-- [end:noise]
