from snippets.training.deep_mlp import (  # the network of the first page
    deep_mlp, device, weight_grad_norms, x, y)

# --8<-- [start:measure]
import torch
from torch import nn

norms = {}
for name, activation in [("sigmoid", nn.Sigmoid), ("ReLU", nn.ReLU)]:
    torch.manual_seed(1)  # the same initial weights for both networks
    model = deep_mlp(activation).to(device)
    norms[name] = weight_grad_norms(model, x, y)

print("layer  sigmoid     ReLU")
#> layer  sigmoid     ReLU
for i, (s, r) in enumerate(zip(norms["sigmoid"], norms["ReLU"]), start=1):
    print(f"{i:5d}  {s:.1e}  {r:.1e}")
#>     1  3.0e-17  9.8e-09
#>     2  9.9e-17  1.0e-08
#>     3  7.5e-16  1.1e-08
#>     4  5.3e-15  1.6e-08
#>     5  4.2e-14  3.0e-08
#>     6  2.8e-13  6.3e-08
#>     7  2.1e-12  1.9e-07
#>     8  1.3e-11  4.5e-07
#>     9  8.4e-11  1.2e-06
#>    10  5.3e-10  3.0e-06
#>    11  4.0e-09  7.0e-06
#>    12  2.5e-08  1.7e-05
#>    13  2.4e-07  3.9e-05
#>    14  1.8e-06  1.3e-04
#>    15  1.5e-05  2.9e-04
#>    16  9.9e-05  5.6e-04
#>    17  6.5e-04  1.2e-03
#>    18  4.7e-03  3.2e-03
#>    19  3.2e-02  1.1e-02
#>    20  2.3e-01  2.5e-02
# --8<-- [end:measure]

# --8<-- [start:bound]
sig = norms["sigmoid"]
print(f"bound over 10 layers: (1/4)**10 = {0.25**10:.1e}")
#> bound over 10 layers: (1/4)**10 = 9.5e-07
print(f"bound over 20 layers: (1/4)**20 = {0.25**20:.1e}")
#> bound over 20 layers: (1/4)**20 = 9.1e-13
print(f"measured, layer 10 / layer 20 (10 sigmoids): {sig[9] / sig[19]:.1e}")
#> measured, layer 10 / layer 20 (10 sigmoids): 2.3e-09
print(f"measured, layer  1 / layer 20 (19 sigmoids): {sig[0] / sig[19]:.1e}")
#> measured, layer  1 / layer 20 (19 sigmoids): 1.3e-16

for name, g in norms.items():  # the average factor per layer, geometric mean
    print(f"{name}: each layer multiplies the gradient by "
          f"{(g[0] / g[19]) ** (1 / 19):.2f}")
#> sigmoid: each layer multiplies the gradient by 0.15
#> ReLU: each layer multiplies the gradient by 0.46
# --8<-- [end:bound]

# --8<-- [start:delta]
torch.manual_seed(1)
model = deep_mlp(nn.Sigmoid).to(device)
h, z, inputs = x, [], []
for layer in model:
    if isinstance(layer, nn.Linear):
        inputs.append(h)  # what the layer multiplies: h_{l-1}
    h = layer(h)
    if isinstance(layer, nn.Linear):
        h.retain_grad()  # keep dL/dz_l, the backward signal delta_l
        z.append(h)
nn.functional.cross_entropy(h, y).backward()
delta = [zl.grad.norm().item() for zl in z]
rms = [hl.pow(2).mean().sqrt().item() for hl in inputs]
print(f"delta alone: each layer multiplies it by "
      f"{(delta[0] / delta[19]) ** (1 / 19):.2f}")
#> delta alone: each layer multiplies it by 0.14
print(f"root mean square of the input: layer 1 {rms[0]:.2f}, "
      f"layer 20 {rms[19]:.2f}")
#> root mean square of the input: layer 1 1.00, layer 20 0.50
# --8<-- [end:delta]
