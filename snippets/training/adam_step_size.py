# --8<-- [start:deep]
import torch
from torch import nn

# the network and batch of the vanishing-gradient page:
from snippets.training.deep_mlp import deep_mlp, device, x, y

torch.manual_seed(1)  # its initial weights too
model = deep_mlp(nn.Sigmoid).to(device)
linears = [m for m in model if isinstance(m, nn.Linear)]
before = [m.weight.detach().clone() for m in linears]
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)  # eps=1e-8
nn.functional.cross_entropy(model(x), y).backward()
optimizer.step()
print("layer  mean |g|  mean |Δw| / lr")
#> layer  mean |g|  mean |Δw| / lr
for i in (1, 10, 12, 13, 14, 16, 20):
    g = linears[i - 1].weight.grad.abs().mean().item()
    move = (linears[i - 1].weight.detach() - before[i - 1]).abs().mean()
    print(f"{i:5d}  {g:.0e}  {move.item() / 0.01:.2f}")
#>     1  4e-19  0.00
#>    10  6e-12  0.00
#>    12  3e-10  0.03
#>    13  3e-09  0.22
#>    14  2e-08  0.62
#>    16  1e-06  0.97
#>    20  7e-03  1.00
# --8<-- [end:deep]

# --8<-- [start:sign]
for name, sign in [("same sign", lambda t: 1.0),
                   ("alternating", lambda t: (-1.0) ** t)]:
    w = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([w], lr=0.01)
    for t in range(50):
        w.grad = torch.full((1,), sign(t))  # a gradient of size 1
        previous = w.detach().clone()
        optimizer.step()
    step = (w.detach() - previous).abs().item()
    print(f"{name:11}: step 50 moves w by {step / 0.01:.2f} lr")
#> same sign  : step 50 moves w by 1.00 lr
#> alternating: step 50 moves w by 0.05 lr
# --8<-- [end:sign]

# --8<-- [start:eps]
for g in (1e-6, 1e-8, 1e-10):  # a first gradient near eps = 1e-8
    w = torch.zeros(1, device=device, requires_grad=True)
    optimizer = torch.optim.Adam([w], lr=0.01)
    w.grad = torch.full((1,), g, device=device)
    optimizer.step()
    print(f"|g| = {g:.0e}: moves w by {-w.item() / 0.01:.4f} lr, "
          f"g / (|g| + eps) = {g / (g + 1e-8):.4f}")
#> |g| = 1e-06: moves w by 0.9901 lr, g / (|g| + eps) = 0.9901
#> |g| = 1e-08: moves w by 0.5000 lr, g / (|g| + eps) = 0.5000
#> |g| = 1e-10: moves w by 0.0099 lr, g / (|g| + eps) = 0.0099
# --8<-- [end:eps]

# --8<-- [start:spike]
b1, b2 = 0.9, 0.999  # Adam's default betas
for quiet in (100, 1000, 3000):  # steps of a small gradient, then one of 1
    w = torch.zeros(1, device=device, requires_grad=True)
    optimizer = torch.optim.Adam([w], lr=0.01, betas=(b1, b2))
    for t in range(quiet + 1):
        w.grad = torch.full((1,), 1.0 if t == quiet else 1e-3, device=device)
        previous = w.detach().clone()
        optimizer.step()
    step = (previous - w.detach()).abs().item() / 0.01
    print(f"after {quiet:4d} gradients of 1e-3, one of 1: {step:.2f} lr")
#> after  100 gradients of 1e-3, one of 1: 0.99 lr
#> after 1000 gradients of 1e-3, one of 1: 2.54 lr
#> after 3000 gradients of 1e-3, one of 1: 3.11 lr
print(f"(1 - b1) / sqrt(1 - b2) = {(1 - b1) / (1 - b2) ** 0.5:.2f}")
#> (1 - b1) / sqrt(1 - b2) = 3.16
# --8<-- [end:spike]
