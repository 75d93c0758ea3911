from snippets.training.deep_mlp import (
    deep_mlp, device, weight_grad_norms, x, y)

# --8<-- [start:levels]
import torch
from torch import nn

runs = {}
for biases in ("default biases", "zero biases"):
    torch.manual_seed(1)  # the ReLU network of this page
    model = deep_mlp(nn.ReLU).to(device)
    linears = [m for m in model if isinstance(m, nn.Linear)]
    if biases == "zero biases":
        with torch.no_grad():
            for m in linears:
                m.bias.zero_()
    inputs = []  # what each Linear receives: h_0 = x, h_1, ..., h_19
    for m in linears:
        m.register_forward_hook(lambda mod, i, out: inputs.append(i[0]))
    grads = weight_grad_norms(model, x, y)
    size = [h.detach().pow(2).mean().sqrt().item() for h in inputs]  # (1)!
    moves = [0.1 * g / m.weight.norm().item() for g, m in zip(grads, linears)]
    runs[biases] = size, grads, moves

print("layer   default biases: |h|  grad    zero biases: |h|  grad")
#> layer   default biases: |h|  grad    zero biases: |h|  grad
(a, g, _), (b, k, _) = runs.values()
for i in (1, 2, 5, 10, 15, 20):
    print(f"{i:5d}  {a[i - 1]:20.0e}  {g[i - 1]:.0e}"
          f"  {b[i - 1]:17.0e}  {k[i - 1]:.0e}")
#>     1                 1e+00  1e-08              1e+00  1e-08
#>     2                 4e-01  1e-08              4e-01  1e-08
#>     5                 7e-02  3e-08              3e-02  2e-08
#>    10                 6e-02  3e-06              3e-04  2e-08
#>    15                 7e-02  3e-04              4e-06  1e-08
#>    20                 6e-02  3e-02              3e-08  1e-08
for name, (size, grads, moves) in runs.items():
    print(f"{name}: layer 1 / layer 20 {grads[0] / grads[19]:.0e}, "
          f"largest step / weight {max(moves):.0e}")  # SGD, lr 0.1
#> default biases: layer 1 / layer 20 4e-07, largest step / weight 1e-03
#> zero biases: layer 1 / layer 20 1e+00, largest step / weight 6e-10
# --8<-- [end:levels]
