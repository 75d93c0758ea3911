# --8<-- [start:trial]
import torch
from torch import nn

from snippets.training.fit import spiral_model, x_train, y_train
from snippets.training.spirals import two_spirals

x_val, y_val = two_spirals(100, seed=2)  # a validation set: 200 new points
x_tr, x_val = x_train.double(), x_val.double()  # (1)!


def trial(lr, weight_decay, steps=30):
    """Train a fresh classifier; return its loss on the validation set."""
    model = spiral_model().to("cpu", torch.float64)  # the same start
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr,
                                  weight_decay=weight_decay)
    for step in range(steps):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x_tr), y_train).backward()
        optimizer.step()
    with torch.no_grad():
        loss = nn.functional.cross_entropy(model(x_val), y_val).item()
    return loss if loss == loss else float("inf")  # nan: it diverged


def log_uniform(low, high, n, generator):
    """n values spread evenly in log10 between low and high, at random."""
    u = torch.rand(n, generator=generator, dtype=torch.float64)
    return (low * (high / low) ** u).tolist()  # (2)!
# --8<-- [end:trial]


# --8<-- [start:grid_vs_random]
g = torch.Generator().manual_seed(0)
searches = {
    "grid": [(lr, wd) for lr in (1e-4, 1e-2, 1.0) for wd in (1e-5, 1e-3, 0.1)],
    "random": list(zip(log_uniform(1e-4, 1.0, 9, g),
                       log_uniform(1e-5, 0.1, 9, g))),
}
results = {}  # per search: (validation loss, lr, weight decay), best first
for name, points in searches.items():
    results[name] = sorted((trial(lr, wd), lr, wd) for lr, wd in points)
    loss, lr, wd = results[name][0]
    tried = len({lr for lr, wd in points})
    print(f"{name:6}: {tried} learning rates tried; best {loss:.3f} "
          f"at lr {lr:.2g}, weight decay {wd:.0e}")
#> grid  : 3 learning rates tried; best 0.315 at lr 0.01, weight decay 1e-01
#> random: 9 learning rates tried; best 0.131 at lr 0.038, weight decay 3e-03
# --8<-- [end:grid_vs_random]

# --8<-- [start:weight_decay]
for loss, lr, wd in results["grid"][:3]:  # the three best of the grid
    print(f"lr {lr:g}  weight decay {wd:.0e}: {loss:.3f}")
#> lr 0.01  weight decay 1e-01: 0.315
#> lr 0.01  weight decay 1e-03: 0.320
#> lr 0.01  weight decay 1e-05: 0.324
# --8<-- [end:weight_decay]

# --8<-- [start:fine]
best_lr = results["random"][0][1]
fine = list(zip(log_uniform(best_lr / 3, best_lr * 3, 9, g),
                log_uniform(1e-5, 0.1, 9, g)))  # (1)!
results["fine"] = sorted((trial(lr, wd), lr, wd) for lr, wd in fine)
loss, lr, wd = results["fine"][0]
print(f"fine: lr from {best_lr / 3:.2g} to {best_lr * 3:.2g}; best {loss:.3f} "
      f"at lr {lr:.2g}, weight decay {wd:.0e}")
#> fine: lr from 0.013 to 0.11; best 0.156 at lr 0.04, weight decay 6e-05
# --8<-- [end:fine]

# --8<-- [start:edge]
low = [r for r in results["random"] if r[1] <= 1e-2]  # (1)!
loss, lr, wd = min(low)
print(f"range 1e-4 to 1e-2: best lr {lr:.2g}, the largest tried: "
      f"{lr == max(r[1] for r in low)}")
#> range 1e-4 to 1e-2: best lr 0.0069, the largest tried: True
# --8<-- [end:edge]
