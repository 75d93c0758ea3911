# --8<-- [start:gain]
import torch
from torch import nn

w = torch.empty(256, 64)  # the weight of nn.Linear(64, 256): fan_in 64
std = {}
for gain in (1.0, 5 / 3):  # 5/3: nn.init.calculate_gain("tanh")
    torch.manual_seed(0)  # the same draw, scaled
    std[gain] = nn.init.xavier_normal_(w, gain=gain).std().item()
print(f"std ratio {std[5 / 3] / std[1.0]:.3f}, "
      f"variance ratio {(std[5 / 3] / std[1.0]) ** 2:.3f}")
#> std ratio 1.667, variance ratio 2.778
# --8<-- [end:gain]

# --8<-- [start:fans]
torch.manual_seed(2)
h = torch.randn(4096, 64)  # what the layer receives, variance 1
delta = torch.randn(4096, 256)  # the gradient it receives back, variance 1
print("mode      forward: Var(z) / Var(h)  backward: Var(δW) / Var(δ)")
#> mode      forward: Var(z) / Var(h)  backward: Var(δW) / Var(δ)
for mode in ("fan_in", "fan_out"):
    nn.init.kaiming_normal_(w, mode=mode, nonlinearity="relu")  # 2 / fan
    forward = (h @ w.T).var().item()  # 64 inputs per output: 64 · Var(w)
    backward = (delta @ w).var().item()  # 256 terms: 256 · Var(w)
    print(f"{mode:8}  {forward:24.1f}  {backward:25.1f}")
#> fan_in                         2.0                        8.0
#> fan_out                        0.5                        2.0
# --8<-- [end:fans]
