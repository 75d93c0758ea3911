from snippets.training.fixed_nets import SETUPS, device, x, y

# --8<-- [start:step]
import torch
from torch import nn

lr, max_norm = 0.01, 1.0
optimizers = {
    "SGD": lambda p: torch.optim.SGD(p, lr=lr),
    "SGD, momentum 0.9": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
    "Adam": lambda p: torch.optim.Adam(p, lr=lr),
}
print("step norm / (lr * max_norm): the first, and the largest of 10")
#> step norm / (lr * max_norm): the first, and the largest of 10
for name, make in optimizers.items():
    torch.manual_seed(1)
    model = SETUPS["ReLU × 4 (exploding)"]().to(device)
    optimizer, steps = make(model.parameters()), []
    for _ in range(10):
        before = [p.detach().clone() for p in model.parameters()]
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)
        optimizer.step()
        step = torch.cat([(p.detach() - b).flatten()
                          for p, b in zip(model.parameters(), before)])
        steps.append(step.norm().item() / (lr * max_norm))
    print(f"{name:17}  {steps[0]:6.1f}  {max(steps):6.1f}")
#> SGD                   1.0     1.0
#> SGD, momentum 0.9     1.0     4.1
#> Adam                240.6   240.6
# --8<-- [end:step]
