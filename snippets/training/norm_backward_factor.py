# --8<-- [start:factor]
import torch
from torch import nn

from snippets.training.deep_mlp import weight_grad_norms, x, y
from snippets.training.fixed_nets import device
from snippets.training.probes import activations, spread


def sigmoid_mlp(norm, depth=20, width=64, classes=10):
    """Linear -> norm -> sigmoid, 19 times, then the output layer."""
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), norm(width), nn.Sigmoid()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


print("per layer:   E[σ'] / what the norm divides by   observed")
#> per layer:   E[σ'] / what the norm divides by   observed
for norm in (nn.LayerNorm, nn.BatchNorm1d):
    torch.manual_seed(1)
    model = sigmoid_mlp(norm).to(device)
    g = weight_grad_norms(model, x, y)
    observed = (g[0] / g[19]) ** (1 / 19)  # (1)!
    hs = activations(model, x)  # the 19 sigmoid outputs, [256, 64] each
    slope = torch.stack([(h * (1 - h)).mean() for h in hs])  # E[σ']
    if norm is nn.LayerNorm:  # each example's scale over its units
        scale = torch.stack([h.pow(2).mean().sqrt() for h in hs])  # (2)!
    else:  # each unit's spread over the batch
        scale = torch.tensor([spread(h) for h in hs], device=device)
    predicted = (slope / scale).log().mean().exp().item()  # (3)!
    print(f"{norm.__name__:11}  {slope.mean().item():.2f} / "
          f"{scale.mean().item():.2f} = {predicted:.2f}  {observed:19.2f}")
#> LayerNorm    0.21 / 0.54 = 0.38                 0.39
#> BatchNorm1d  0.21 / 0.21 = 0.98                 0.97
# --8<-- [end:factor]
