# --8<-- [start:warning]
import textwrap
import warnings

import torch

x = torch.tensor(2.0, requires_grad=True)
u = 3 * x  # a non-leaf
(u**2).backward()

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(u.grad)
#> None
print(caught[0].category.__name__)
#> UserWarning
print(textwrap.fill(str(caught[0].message).split(". ")[0], 76))
#> The .grad attribute of a Tensor that is not a leaf Tensor is being accessed
# --8<-- [end:warning]

# --8<-- [start:retain]
x.grad = None  # start clean (the next section explains why)
u = 3 * x
u.retain_grad()  # ask autograd to keep this non-leaf's gradient too
(u**2).backward()
print(u.grad.item(), x.grad.item())  # d(u^2)/du = 2u = 12, and 12 * du/dx = 36
#> 12.0 36.0
# --8<-- [end:retain]
