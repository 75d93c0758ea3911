# --8<-- [start:flag]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

a = torch.tensor([1.0, 2.0, 3.0], device=device)
print(a.requires_grad)
#> False

w = torch.tensor([0.5, -1.0, 2.0], device=device, requires_grad=True)
print(w.requires_grad)
#> True

# in place, returns a itself; requires_grad_(False) turns it off
a.requires_grad_()
print(a.requires_grad)
#> True

try:
    torch.tensor([1, 2, 3]).requires_grad_()
except RuntimeError as e:
    print(e)
#> only Tensors of floating point dtype can require gradients
# --8<-- [end:flag]

# --8<-- [start:propagation]
c = torch.tensor([4.0, 5.0, 6.0], device=device)  # requires_grad=False

print((c * 2).requires_grad)  # no input requires grad
#> False
print((c * w).requires_grad)  # one input does
#> True
print((w * w).sum().requires_grad)  # and it carries through every later op
#> True
# integer and boolean results never do
print(w.argmax().requires_grad, (w > 0).requires_grad)
#> False False
# --8<-- [end:propagation]
