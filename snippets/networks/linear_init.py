# --8<-- [start:bounds]
import math

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(100, 50)
bound = 1 / math.sqrt(layer.in_features)  # 1/sqrt(100) = 0.1
print("bound:", bound)
#> bound: 0.1

for name, p in layer.named_parameters():
    inside = bool((p.abs() <= bound).all())
    print(f"{name}: min {p.min().item():.4f}, max {p.max().item():.4f}, all inside: {inside}")
#> weight: min -0.1000, max 0.1000, all inside: True
#> bias: min -0.0925, max 0.0907, all inside: True
# --8<-- [end:bounds]

# --8<-- [start:seed]
torch.manual_seed(0)
a = nn.Linear(100, 50)
torch.manual_seed(0)
b = nn.Linear(100, 50)
c = nn.Linear(100, 50)  # no reseed: the generator has moved on
print(torch.equal(a.weight, b.weight), torch.equal(b.weight, c.weight))
#> True False
# --8<-- [end:seed]
