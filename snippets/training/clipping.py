from snippets.training.deep_mlp import (  # the network of the first page
    deep_mlp, device, weight_grad_norms, x, y)

# --8<-- [start:clip]
import torch
from torch import nn

torch.manual_seed(1)
model = deep_mlp(nn.ReLU).to(device)  # the exploding network of the first page
with torch.no_grad():
    for layer in model:
        if isinstance(layer, nn.Linear):
            layer.weight.mul_(4.0)

before = weight_grad_norms(model, x, y)  # backward has filled every .grad
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)  # (1)!
linears = [m for m in model if isinstance(m, nn.Linear)]
after = [layer.weight.grad.norm().item() for layer in linears]
every = torch.cat([p.grad.flatten() for p in model.parameters()])

print(f"total norm before: {total.item():.1e}, "
      f"after: {every.norm().item():.3f}")
#> total norm before: 1.3e+05, after: 1.000
print(f"layer 1 / layer 20 before: {before[0] / before[19]:.2e}, "
      f"after: {after[0] / after[19]:.2e}")
#> layer 1 / layer 20 before: 1.38e-01, after: 1.38e-01
print(f"every gradient scaled by {after[0] / before[0]:.1e}")
#> every gradient scaled by 7.9e-06
# --8<-- [end:clip]
