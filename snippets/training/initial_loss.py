# --8<-- [start:initial]
import math

import torch
from torch import nn

from snippets.training.deep_mlp import x, y  # 256 examples, 10 classes
from snippets.training.fixed_nets import SETUPS, device

print(f"ln 10 = {math.log(10):.2f}")
#> ln 10 = 2.30
for name in ["sigmoid", "ReLU", "ReLU + Kaiming init", "tanh + Xavier init"]:
    torch.manual_seed(1)  # the initial weights of the earlier pages
    model = SETUPS[name]().to(device)
    with torch.no_grad():
        logits = model(x)
    loss = nn.functional.cross_entropy(logits, y).item()
    var = logits.var(dim=1, unbiased=False).mean().item()  # (1)!
    print(f"{name:19} loss {loss:.3g}   ln 10 + var/2 = "
          f"{math.log(10) + var / 2:.3g}")
#> sigmoid             loss 2.31   ln 10 + var/2 = 2.33
#> ReLU                loss 2.31   ln 10 + var/2 = 2.31
#> ReLU + Kaiming init loss 2.65   ln 10 + var/2 = 2.69
#> tanh + Xavier init  loss 3.22   ln 10 + var/2 = 3.11
# --8<-- [end:initial]

# --8<-- [start:last_layer]
torch.manual_seed(1)
model = SETUPS["tanh + Xavier init"]().to(device)
with torch.no_grad():
    model[-1].weight.mul_(0.1)  # the last Linear, ten times smaller
    loss = nn.functional.cross_entropy(model(x), y).item()
print(f"tanh + Xavier init, last layer × 0.1: loss {loss:.3g}")
#> tanh + Xavier init, last layer × 0.1: loss 2.33
# --8<-- [end:last_layer]
