import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, train_set

# --8<-- [start:step]
x, y = next(iter(DataLoader(train_set, batch_size=64)))
x, y = x.to(device), y.to(device)
for name, make_optimizer in [
    ("SGD, lr 1e-3", lambda p: torch.optim.SGD(p, lr=1e-3)),
    ("SGD, lr 1e-1", lambda p: torch.optim.SGD(p, lr=1e-1)),
    ("Adam, lr 1e-3", lambda p: torch.optim.Adam(p, lr=1e-3)),
]:
    torch.manual_seed(0)
    model = NeuralNetwork().to(device)
    optimizer = make_optimizer(model.parameters())
    weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
    before = [w.detach().clone() for w in weights]
    nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()
    ratios = [((w.detach() - b).norm() / b.norm()).item()
              for w, b in zip(weights, before)]  # (1)!
    print(f"{name:14}", "  ".join(f"{r:.0e}" for r in ratios))
#> SGD, lr 1e-3   4e-05  3e-05  2e-04
#> SGD, lr 1e-1   4e-03  3e-03  2e-02
#> Adam, lr 1e-3  5e-02  4e-02  4e-02
# --8<-- [end:step]
