from snippets.training.probes import activations, spread

# --8<-- [start:batchnorm]
import torch
from torch import nn

from snippets.training.deep_mlp import deep_mlp, weight_grad_norms, x, y
from snippets.training.fixed_nets import device, normed_mlp


def batchnorm_mlp(activation, depth=20, width=64, classes=10):
    """deep_mlp with a BatchNorm1d between each Linear and its activation."""
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.BatchNorm1d(width),
                   activation()]
    return nn.Sequential(*layers, nn.Linear(width, classes))


for name, build in [("sigmoid", deep_mlp), ("sigmoid + LayerNorm", normed_mlp),
                    ("sigmoid + BatchNorm", batchnorm_mlp)]:
    torch.manual_seed(1)
    model = build(nn.Sigmoid).to(device)  # train mode: batch statistics
    g = weight_grad_norms(model, x, y)
    last = spread(activations(model, x)[-1])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(50):  # fit the 256 random labels
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
    last = f"{last:.0e}" if last > 1e-6 else "< 1e-6"
    print(f"{name:19}  layer 1 / 20: {g[0] / g[19]:.0e}  "
          f"spread, layer 19: {last:6}  loss {loss.item():.1f}")
#> sigmoid              layer 1 / 20: 1e-16  spread, layer 19: < 1e-6  loss 2.3
#> sigmoid + LayerNorm  layer 1 / 20: 2e-08  spread, layer 19: < 1e-6  loss 2.3
#> sigmoid + BatchNorm  layer 1 / 20: 6e-01  spread, layer 19: 2e-01   loss 1.0
# --8<-- [end:batchnorm]
