# --8<-- [start:jacobian]
import torch
from torch.autograd.functional import jacobian

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")


def func(x):  # R^3 -> R^2
    return torch.stack([x[0] * x[1], x[1] + x[2] ** 2])


x = torch.tensor([1.0, 2.0, 3.0], device=device, requires_grad=True)
J = jacobian(func, x)
print(tuple(J.shape), J.tolist())
#> (2, 3) [[2.0, 1.0, 0.0], [0.0, 1.0, 6.0]]
# --8<-- [end:jacobian]

# --8<-- [start:vjp]
v = torch.tensor([1.0, -2.0], device=device)
func(x).backward(v)
print((v @ J).tolist(), x.grad.tolist())
#> [2.0, -1.0, -12.0] [2.0, -1.0, -12.0]
assert torch.equal(x.grad, v @ J)

# the same product, returned; .grad untouched
(vjp,) = torch.autograd.grad(func(x), x, grad_outputs=v)
print(vjp.tolist())
#> [2.0, -1.0, -12.0]
# --8<-- [end:vjp]

# --8<-- [start:rows]
rows = []
for e_i in torch.eye(2, device=device):  # v = (1, 0), then (0, 1)
    (row,) = torch.autograd.grad(func(x), x, grad_outputs=e_i)
    rows.append(row.tolist())
print(rows == J.tolist(), rows)
#> True [[2.0, 1.0, 0.0], [0.0, 1.0, 6.0]]
# --8<-- [end:rows]
