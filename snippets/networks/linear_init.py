# --8<-- [start:scale]
import math

import torch
from torch import nn

torch.manual_seed(0)
x = torch.rand(64, 784)  # 64 fake images, 784 pixels in [0, 1)
small = nn.Linear(784, 512)  # default init: |w| <= 1/sqrt(784)
large = nn.Linear(784, 512)
nn.init.uniform_(large.weight, -1.0, 1.0)  # |w| <= 1 instead
for name, layer in [("default", small), ("U(-1, 1)", large)]:
    print(f"{name:9} output std {layer(x).std().item():.2f}")
#> default   output std 0.33
#> U(-1, 1)  output std 9.07
# --8<-- [end:scale]

# --8<-- [start:bounds]
torch.manual_seed(0)
layer = nn.Linear(100, 50)
bound = 1 / math.sqrt(layer.in_features)  # 1/sqrt(100) = 0.1
print("bound:", bound)
#> bound: 0.1

for name, p in layer.named_parameters():
    inside = bool((p.abs() <= bound).all())
    low, high = p.min().item(), p.max().item()
    print(f"{name}: min {low:.4f}, max {high:.4f}, all inside: {inside}")
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
