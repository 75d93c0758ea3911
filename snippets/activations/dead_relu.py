# --8<-- [start:dead]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 3)  # a batch of 64 inputs
for activation in (nn.ReLU(), nn.LeakyReLU(0.01)):
    layer = nn.Linear(3, 1)
    with torch.no_grad():
        layer.bias.fill_(-10.0)  # (1)!
    activation(layer(x)).sum().backward()
    active = (layer(x) > 0).sum().item()
    grad = [round(g, 3) for g in layer.weight.grad[0].tolist()]
    print(f"{type(activation).__name__:9} active on {active}/64 inputs, "
          f"weight grad {grad}")
#> ReLU      active on 0/64 inputs, weight grad [0.0, 0.0, 0.0]
#> LeakyReLU active on 0/64 inputs, weight grad [0.012, -0.161, 0.172]
# --8<-- [end:dead]
