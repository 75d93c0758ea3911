# --8<-- [start:ratio]
import torch
from torch import nn

from snippets.training.fit import device, spiral_model, x_train, y_train

x, y = x_train.to(device), y_train.to(device)  # where the model is

ratios = {}  # per learning rate: one [layer 1, layer 2, layer 3] per step
for lr in (0.001, 0.01, 0.1):
    model = spiral_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    weights = [m.weight for m in model if isinstance(m, nn.Linear)]
    start = [w.detach().norm().item() for w in weights]
    ratios[lr] = []
    for step in range(150):
        old = [w.detach().clone() for w in weights]
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
        ratios[lr].append([((w.detach() - o).norm() / o.norm()).item()
                           for w, o in zip(weights, old)])  # (1)!
    for step in (1, 10):
        shown = "  ".join(f"{r:.0e}" for r in ratios[lr][step - 1])
        print(f"lr {lr:<5}  step {step:2d}  layers 1, 2, 3: {shown}")
    late = max(max(r) for r in ratios[lr][100:])  # (2)!
    print(f"lr {lr:<5}  steps 101-150: all below 1e-2: {late < 1e-2}")
    grown = [w.detach().norm().item() / n for w, n in zip(weights, start)]
    print(f"lr {lr:<5}  |W| of layers 2, 3 at step 150 over 1.5 times "
          f"step 0's: {min(grown[1:]) > 1.5}")
#> lr 0.001  step  1  layers 1, 2, 3: 2e-03  1e-02  1e-02
#> lr 0.001  step 10  layers 1, 2, 3: 2e-03  1e-02  1e-02
#> lr 0.001  steps 101-150: all below 1e-2: True
#> lr 0.001  |W| of layers 2, 3 at step 150 over 1.5 times step 0's: True
#> lr 0.01   step  1  layers 1, 2, 3: 2e-02  1e-01  1e-01
#> lr 0.01   step 10  layers 1, 2, 3: 1e-02  5e-02  6e-02
#> lr 0.01   steps 101-150: all below 1e-2: True
#> lr 0.01   |W| of layers 2, 3 at step 150 over 1.5 times step 0's: True
#> lr 0.1    step  1  layers 1, 2, 3: 2e-01  1e+00  1e+00
#> lr 0.1    step 10  layers 1, 2, 3: 1e-01  7e-02  1e-01
#> lr 0.1    steps 101-150: all below 1e-2: True
#> lr 0.1    |W| of layers 2, 3 at step 150 over 1.5 times step 0's: True
# --8<-- [end:ratio]

# --8<-- [start:first_step]
weights = [m.weight for m in spiral_model() if isinstance(m, nn.Linear)]
rms = [w.detach().pow(2).mean().sqrt().item() for w in weights]
for lr in (0.001, 0.01, 0.1):
    print(f"lr {lr:<5}  lr / rms(W): "
          + "  ".join(f"{lr / r:.0e}" for r in rms))
#> lr 0.001  lr / rms(W): 2e-03  1e-02  1e-02
#> lr 0.01   lr / rms(W): 2e-02  1e-01  1e-01
#> lr 0.1    lr / rms(W): 2e-01  1e+00  1e+00
# --8<-- [end:first_step]
