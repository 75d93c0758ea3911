# --8<-- [start:crossing]
import torch
import torch.nn.functional as F

x = torch.linspace(-4, 4, 80_001, dtype=torch.float64)  # steps of 0.0001
for name, f in [("GELU", F.gelu), ("SiLU", F.silu)]:
    xs = torch.cat([x, -x]).requires_grad_()
    f(xs).sum().backward()
    d, d_mirror = xs.grad.split(len(x))  # f'(x) and f'(-x)
    symmetric = torch.allclose(d + d_mirror, torch.ones_like(d))  # (1)!
    print(f"{name}: f' > 1 for x > {x[d > 1].min().item():.2f}, "
          f"f' < 0 for x < {x[d < 0].max().item():.2f}, "
          f"f'(x) + f'(-x) = 1: {symmetric}")
#> GELU: f' > 1 for x > 0.75, f' < 0 for x < -0.75, f'(x) + f'(-x) = 1: True
#> SiLU: f' > 1 for x > 1.28, f' < 0 for x < -1.28, f'(x) + f'(-x) = 1: True
# --8<-- [end:crossing]
