from snippets.training.deep_mlp import (  # the network of the first page
    deep_mlp, device, weight_grad_norms, x, y)

# --8<-- [start:explode]
import torch
from torch import nn

torch.manual_seed(1)  # the same initial weights as the ReLU network...
model = deep_mlp(nn.ReLU).to(device)
with torch.no_grad():
    for layer in model:
        if isinstance(layer, nn.Linear):
            layer.weight.mul_(4.0)  # ...each weight scaled up 4 times

big = weight_grad_norms(model, x, y)
print("layer  gradient norm")
#> layer  gradient norm
for i in (1, 5, 10, 15, 20):
    print(f"{i:5d}  {big[i - 1]:.1e}")
#>     1  5.5e+03
#>     5  2.4e+04
#>    10  2.9e+04
#>    15  3.5e+04
#>    20  4.0e+04
loss = nn.functional.cross_entropy(model(x), y)
print(f"loss: {loss.item():.1e}")  # log(10) = 2.3 would be a random guess
#> loss: 1.7e+04
total = sum(g**2 for g in big) ** 0.5
print(f"total gradient norm over the 20 weights: {total:.1e}")
#> total gradient norm over the 20 weights: 1.3e+05
# --8<-- [end:explode]
