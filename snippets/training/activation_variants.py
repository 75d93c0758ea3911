# --8<-- [start:variants]
import torch
from torch import nn

from snippets.training.deep_mlp import deep_mlp, weight_grad_norms, x, y
from snippets.training.fixed_nets import device, init_

VARIANTS = {"ReLU": nn.ReLU, "LeakyReLU": nn.LeakyReLU, "ELU": nn.ELU,
            "GELU": nn.GELU, "SiLU": nn.SiLU}


def walk(model, x):
    """Per activation layer: its output, and its slope at every value."""
    outputs, slopes, h = [], [], x
    for layer in model:
        if isinstance(layer, tuple(VARIANTS.values())):
            z = h.detach().requires_grad_()
            (d,) = torch.autograd.grad(layer(z).sum(), z)  # (1)!
            slopes.append(d)
        h = layer(h)
        if isinstance(layer, tuple(VARIANTS.values())):
            outputs.append(h.detach())
    return outputs, slopes


def units(model, x):
    """Units (of all 19 layers) whose slope is below 1e-6 (none), or 0.05,
    in size for every example; and the last layer's spread over the batch."""
    outputs, slopes = walk(model, x)
    dead = sum(int((d.abs() < 1e-6).all(dim=0).sum()) for d in slopes)
    weak = sum(int((d.abs() < 0.05).all(dim=0).sum()) for d in slopes)
    return dead, weak, outputs[-1].std(dim=0).mean().item()


def build(name):
    torch.manual_seed(1)  # the same weights as the chapter's Kaiming network
    return init_(deep_mlp(VARIANTS[name]), "kaiming").to(device)  # (2)!


norms = {}  # each layer's gradient norm, per activation, for the plot
print("           layer 1 / 20  slope < 1e-6  slope < 0.05  spread at 19")
#>            layer 1 / 20  slope < 1e-6  slope < 0.05  spread at 19
for name in VARIANTS:
    model = build(name)
    g = norms[name] = weight_grad_norms(model, x, y)
    dead, weak, spread = units(model, x)
    print(f"{name:9}  {g[0] / g[19]:12.1e}  {dead:12d}  {weak:12d}  "
          f"{spread:12.2f}")
#> ReLU            3.0e-01           184           184          0.14
#> LeakyReLU       3.0e-01             0           183          0.14
#> ELU             3.2e-01             0             0          1.09
#> GELU            3.2e+00             0             0          0.07
#> SiLU            2.9e+00             0             0          0.00
# --8<-- [end:variants]

# --8<-- [start:gain]
z = torch.linspace(-12, 12, 240_001, dtype=torch.float64)  # a fine grid
density = torch.exp(-z**2 / 2) / (2 * torch.pi) ** 0.5  # N(0, 1)
for name, activation in VARIANTS.items():
    second = (activation()(z) ** 2 * density).sum() * (z[1] - z[0])  # (1)!
    print(f"{name:9}  2 E[f(z)^2] = {2 * second:.2f}")
#> ReLU       2 E[f(z)^2] = 1.00
#> LeakyReLU  2 E[f(z)^2] = 1.00
#> ELU        2 E[f(z)^2] = 1.29
#> GELU       2 E[f(z)^2] = 0.85
#> SiLU       2 E[f(z)^2] = 0.71
# --8<-- [end:gain]

# --8<-- [start:one_step]
print("after one SGD step at lr 1:  slope < 1e-6  slope < 0.05")
#> after one SGD step at lr 1:  slope < 1e-6  slope < 0.05
for name in VARIANTS:
    model = build(name)
    weight_grad_norms(model, x, y)  # one backward pass: the gradients
    torch.optim.SGD(model.parameters(), lr=1.0).step()
    dead, weak, spread = units(model, x)
    print(f"{name:27}  {dead:12d}  {weak:12d}")
#> ReLU                                  334           334
#> LeakyReLU                               0           352
#> ELU                                   234           292
#> GELU                                    0             0
#> SiLU                                    0             0
# --8<-- [end:one_step]
