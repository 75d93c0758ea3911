from snippets.training.probes import dead_units

# --8<-- [start:dead]
import torch
from torch import nn

from snippets.training.fit import device, spiral_model, x_train, y_train

x, y = x_train.to(device), y_train.to(device)  # where the model is

for opt, lr in [(torch.optim.SGD, 0.5), (torch.optim.SGD, 5.0),
                (torch.optim.Adam, 0.01), (torch.optim.Adam, 0.3)]:
    model = spiral_model()  # the same initial weights every time
    optimizer = opt(model.parameters(), lr=lr)
    before = dead_units(model, x)
    ever = [mask.clone() for mask in before]  # dead at some step
    for step in range(150):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
        now = dead_units(model, x)
        ever = [e | d for e, d in zip(ever, now)]
    count = [int(m.sum()) for m in before], [int(m.sum()) for m in now]
    back = [int((e & ~d).sum()) for e, d in zip(ever, now)]  # (1)!
    print(f"{opt.__name__:4} lr {lr:<4}  dead before {count[0]}  "
          f"after {count[1]}  came back {back}")
#> SGD  lr 0.5   dead before [2, 6]  after [2, 7]  came back [0, 1]
#> SGD  lr 5.0   dead before [2, 6]  after [2, 64]  came back [0, 0]
#> Adam lr 0.01  dead before [2, 6]  after [2, 15]  came back [0, 0]
#> Adam lr 0.3   dead before [2, 6]  after [21, 48]  came back [33, 10]
# --8<-- [end:dead]
