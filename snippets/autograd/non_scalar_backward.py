# --8<-- [start:error]
import textwrap

import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor([1.0, 2.0, 3.0], device=device, requires_grad=True)
y = x**2  # three outputs
try:
    y.backward()
except RuntimeError as e:
    print(e)
#> grad can be implicitly created only for scalar outputs
# --8<-- [end:error]

# --8<-- [start:ones]
y.backward(torch.ones_like(y))  # v = (1, 1, 1)
print(x.grad.tolist())
#> [2.0, 4.0, 6.0]
by_ones = x.grad.clone()

x.grad = None  # .grad accumulates: clear it before the comparison
(x**2).sum().backward()
print(x.grad.tolist(), torch.equal(x.grad, by_ones))
#> [2.0, 4.0, 6.0] True
# --8<-- [end:ones]

# --8<-- [start:weighted]
x.grad = None
v = torch.tensor([1.0, 0.5, -1.0], device=device)
(x**2).backward(v)  # v_i * 2 x_i
print(x.grad.tolist())
#> [2.0, 2.0, -6.0]

try:
    # v must have the shape of the output
    (x**2).backward(torch.ones(2, device=device))
except RuntimeError as e:
    print(textwrap.fill(str(e), 76))
#> Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and
#> output[0] has a shape of torch.Size([3]).
# --8<-- [end:weighted]
