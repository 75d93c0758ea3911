# --8<-- [start:branches]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(2.0, device=device, requires_grad=True)
a = x + 1  # path 1: da/dx = 1
b = 2 * x  # path 2: db/dx = 2
a.retain_grad()
b.retain_grad()
f = a * b

f.backward()
print(f"df/da = {a.grad.item()}, df/db = {b.grad.item()}")
#> df/da = 4.0, df/db = 3.0
print(f"df/dx = {x.grad.item()}")  # 4*1 + 3*2: the two paths summed
#> df/dx = 10.0
# --8<-- [end:branches]

# --8<-- [start:shared]
from torch import nn

layer = nn.Linear(1, 1, bias=False).to(device)
with torch.no_grad():
    layer.weight.fill_(3.0)  # w = 3, so layer(layer(s)) = w * (w * s)

s = torch.tensor([[5.0]], device=device)
out = layer(layer(s))  # the same parameter used twice in one graph
out.sum().backward()
# d(w^2 s)/dw = 2 w s = 30 = 15 + 15
print(out.item(), layer.weight.grad.item())
#> 45.0 30.0
# --8<-- [end:shared]
