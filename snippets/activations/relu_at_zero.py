# --8<-- [start:zero]
import torch
import torch.nn.functional as F

x = torch.tensor(0.0, requires_grad=True)
torch.relu(x).backward()
print("ReLU'(0) in PyTorch:", x.grad.item())
#> ReLU'(0) in PyTorch: 0.0

h = 1e-3  # the two one-sided slopes at 0 disagree: no derivative exists
left = (torch.relu(x) - torch.relu(x - h)) / h
right = (torch.relu(x + h) - torch.relu(x)) / h
print("slope from the left:", left.item(), " from the right:", right.item())
#> slope from the left: 0.0  from the right: 1.0
# --8<-- [end:zero]

# --8<-- [start:others]
zero = torch.zeros(())
for name, f in [("relu", torch.relu),  # three spellings of max(0, x) ...
                ("clamp(min=0)", lambda v: torch.clamp(v, min=0)),
                ("maximum(x, 0)", lambda v: torch.maximum(v, zero)),
                ("leaky_relu", F.leaky_relu), ("abs", torch.abs)]:
    x = torch.tensor(0.0, requires_grad=True)
    f(x).backward()
    print(f"{name:13} derivative at 0: {x.grad.item():.2f}")
#> relu          derivative at 0: 0.00
#> clamp(min=0)  derivative at 0: 0.00
#> maximum(x, 0) derivative at 0: 0.50
#> leaky_relu    derivative at 0: 0.01
#> abs           derivative at 0: 0.00
# --8<-- [end:others]
