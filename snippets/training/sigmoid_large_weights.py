from snippets.training.deep_mlp import (
    deep_mlp, device, weight_grad_norms, x, y)

# --8<-- [start:gain]
import torch
from torch import nn

print("gain  layer 1 / layer 20  per layer  saturated  mean output")
#> gain  layer 1 / layer 20  per layer  saturated  mean output
for gain in (1, 4, 12, 16):
    torch.manual_seed(1)
    model = deep_mlp(nn.Sigmoid).to(device)
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight, gain=gain)  # std times gain
            nn.init.zeros_(m.bias)
    outputs = []  # what each of the 19 sigmoids outputs
    for m in model:
        if isinstance(m, nn.Sigmoid):
            m.register_forward_hook(lambda mod, i, out: outputs.append(out))
    g = weight_grad_norms(model, x, y)
    h = torch.stack(outputs).detach()
    saturated = (h * (1 - h) < 0.01).float().mean().item()  # (1)!
    ratio = g[0] / g[19]
    print(f"{gain:4d}  {ratio:17.0e}  {ratio ** (1 / 19):9.2f}"
          f"  {saturated:9.2f}  {h.mean().item():11.2f}")
#>    1              6e-13       0.23       0.00         0.50
#>    4              3e-05       0.58       0.07         0.49
#>   12              4e-01       0.96       0.57         0.49
#>   16              7e+00       1.11       0.68         0.49
# --8<-- [end:gain]
