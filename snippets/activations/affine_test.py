# --8<-- [start:midpoint]
import torch
from torch import nn

torch.manual_seed(0)
linear_only = nn.Sequential(nn.Linear(2, 16), nn.Linear(16, 1))
with_relu = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 1))

a, b = torch.tensor([[-1.0, 0.5]]), torch.tensor([[1.0, -0.5]])
for name, f in [("linear only", linear_only), ("with ReLU", with_relu)]:
    midpoint = f((a + b) / 2)  # an affine f maps the midpoint to the midpoint
    mean_of_ends = (f(a) + f(b)) / 2
    gap = (midpoint - mean_of_ends).abs().item()
    print(f"{name:11}: f(mid) - mean(f(a), f(b)) = {gap:.4f}")
#> linear only: f(mid) - mean(f(a), f(b)) = 0.0000
#> with ReLU  : f(mid) - mean(f(a), f(b)) = 0.1550
# --8<-- [end:midpoint]
