# --8<-- [start:grads]
import torch
from torch import nn

from snippets.training.deep_mlp import x, y
from snippets.training.fixed_nets import SETUPS, device

grads = {}  # every Linear weight's gradient, per network
for name in ("sigmoid", "tanh + Xavier init", "ReLU + Kaiming init"):
    torch.manual_seed(1)  # the networks of the activation statistics
    model = SETUPS[name]().to(device)
    nn.functional.cross_entropy(model(x), y).backward()
    grads[name] = [m.weight.grad for m in model if isinstance(m, nn.Linear)]
    print(f"{name}: layer, |gradient| at 10 %, 50 %, 90 %, exactly 0")
    for layer in (1, 5, 10, 15, 20):
        g = grads[name][layer - 1].abs().flatten()
        q = torch.quantile(g, torch.tensor([0.1, 0.5, 0.9], device=device))
        print(f"  {layer:2d}  " + "  ".join(f"{v:.1e}" for v in q)
              + f"  {(g == 0).float().mean():4.0%}")
#> sigmoid: layer, |gradient| at 10 %, 50 %, 90 %, exactly 0
#>    1  5.6e-20  2.9e-19  7.5e-19    0%
#>    5  7.6e-17  3.9e-16  1.1e-15    0%
#>   10  1.3e-12  5.0e-12  1.3e-11    0%
#>   15  3.7e-08  1.5e-07  3.7e-07    0%
#>   20  2.1e-03  5.5e-03  1.4e-02    0%
#> tanh + Xavier init: layer, |gradient| at 10 %, 50 %, 90 %, exactly 0
#>    1  5.9e-03  3.1e-02  7.6e-02    0%
#>    5  3.4e-03  1.9e-02  4.9e-02    0%
#>   10  2.1e-03  1.2e-02  3.1e-02    0%
#>   15  1.6e-03  8.4e-03  2.1e-02    0%
#>   20  2.6e-03  1.6e-02  4.6e-02    0%
#> ReLU + Kaiming init: layer, |gradient| at 10 %, 50 %, 90 %, exactly 0
#>    1  7.1e-04  3.7e-03  9.5e-03    0%
#>    5  1.3e-05  2.0e-03  1.9e-02    7%
#>   10  0.0e+00  4.2e-04  2.2e-02   32%
#>   15  0.0e+00  2.8e-06  1.4e-02   49%
#>   20  0.0e+00  6.0e-04  5.4e-02   36%
# --8<-- [end:grads]
