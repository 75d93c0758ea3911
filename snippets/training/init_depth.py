from snippets.training.deep_mlp import (
    deep_mlp, device, weight_grad_norms, x, y)
from snippets.training.fixed_nets import init_

# --8<-- [start:depth]
import torch
from torch import nn

print("depth  ReLU + Kaiming: max / min  "
      "tanh + Xavier: first / last  per layer")
#> depth  ReLU + Kaiming: max / min  tanh + Xavier: first / last  per layer
for depth in (10, 20, 40):
    spread = {}
    for activation, how in [(nn.ReLU, "kaiming"), (nn.Tanh, "xavier")]:
        torch.manual_seed(1)
        model = init_(deep_mlp(activation, depth=depth), how).to(device)
        g = weight_grad_norms(model, x, y)
        spread[how] = (max(g) / min(g), g[0] / g[-1])
    first_last = spread["xavier"][1]
    per_layer = first_last ** (1 / (depth - 1))  # (1)!
    print(f"{depth:5d}  {spread['kaiming'][0]:25.1f}"
          f"  {first_last:27.1f}  {per_layer:9.2f}")
#>    10                        5.6                          2.0       1.08
#>    20                        4.9                          4.3       1.08
#>    40                        4.6                         43.8       1.10
# --8<-- [end:depth]
