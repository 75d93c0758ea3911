# --8<-- [start:table]
import math

import torch
import torch.nn.functional as F


def phi(x):  # standard normal density; Phi is its cumulative distribution
    return torch.exp(-x**2 / 2) / math.sqrt(2 * math.pi)


def Phi(x):
    return 0.5 * (1 + torch.erf(x / math.sqrt(2)))


ACTIVATIONS = {  # name: (function, derivative in closed form)
    "ReLU": (F.relu, lambda x: (x > 0).float()),
    "LeakyReLU": (F.leaky_relu,  # negative_slope=0.01 by default
                  lambda x: torch.where(x > 0, 1.0, 0.01)),
    "sigmoid": (torch.sigmoid,
                lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    "tanh": (torch.tanh, lambda x: 1 - torch.tanh(x) ** 2),
    "GELU": (F.gelu, lambda x: Phi(x) + x * phi(x)),
    "SiLU": (F.silu, lambda x: torch.sigmoid(x)
             * (1 + x * (1 - torch.sigmoid(x)))),
}
# --8<-- [end:table]

# --8<-- [start:check]
points = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0])
for name, (f, derivative) in ACTIVATIONS.items():
    x = points.clone().requires_grad_()
    f(x).sum().backward()  # d(sum f(x_i))/dx_i = f'(x_i): all points at once
    assert torch.allclose(x.grad, derivative(points), atol=1e-6), name
    print(f"{name:9}", [round(g, 4) for g in x.grad.tolist()])
#> ReLU      [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
#> LeakyReLU [0.01, 0.01, 0.01, 0.01, 1.0, 1.0, 1.0]
#> sigmoid   [0.0452, 0.1966, 0.235, 0.25, 0.235, 0.1966, 0.0452]
#> tanh      [0.0099, 0.42, 0.7864, 1.0, 0.7864, 0.42, 0.0099]
#> GELU      [-0.0119, -0.0833, 0.1325, 0.5, 0.8675, 1.0833, 1.0119]
#> SiLU      [-0.0881, 0.0723, 0.26, 0.5, 0.74, 0.9277, 1.0881]
# --8<-- [end:check]
