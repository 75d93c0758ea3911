# --8<-- [start:setup]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(-3.0, requires_grad=True, device=device)
y = torch.tensor(5.0, requires_grad=True, device=device)
z = torch.tensor(-2.0, requires_grad=True, device=device)
# --8<-- [end:setup]

# --8<-- [start:forward]
q = x + y  # q = 2
f = q * z  # f = -4
print(f"q = {q.item()}, f = {f.item()}")
#> q = 2.0, f = -4.0
# --8<-- [end:forward]

# --8<-- [start:backward]
f.backward()  # (1)!

for name, leaf in [("x", x), ("y", y), ("z", z)]:
    print(f"df/d{name} = {leaf.grad.item()}")
#> df/dx = -2.0
#> df/dy = -2.0
#> df/dz = 2.0
# --8<-- [end:backward]
