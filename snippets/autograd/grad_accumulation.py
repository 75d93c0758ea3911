# --8<-- [start:twice]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(2.0, device=device, requires_grad=True)

(x**3).backward()  # d(x^3)/dx = 3x^2 = 12
print(x.grad.item())
#> 12.0

(x**3).backward()  # a fresh forward pass, a fresh graph, the same leaf
print(x.grad.item())  # 12 + 12: added, not replaced
#> 24.0
# --8<-- [end:twice]
