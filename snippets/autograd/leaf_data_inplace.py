# --8<-- [start:refused]
import textwrap

import torch

x = torch.tensor(2.0, requires_grad=True)
z = torch.tensor(3.0, requires_grad=True)
f = x * z  # MulBackward0 saves x and z: df/dx = z = 3
try:
    z.add_(1)  # recording is on: refused
except RuntimeError as e:
    print(textwrap.fill(str(e), 76))
#> a leaf Variable that requires grad is being used in an in-place operation.

with torch.no_grad():
    z.add_(1)  # allowed, and counted
print(z._version)
#> 1
try:
    f.backward()
except RuntimeError as e:
    print(textwrap.fill(str(e).split(":")[0], 76))
#> one of the variables needed for gradient computation has been modified by an
#> inplace operation
# --8<-- [end:refused]

# --8<-- [start:data]
x = torch.tensor(2.0, requires_grad=True)
z = torch.tensor(3.0, requires_grad=True)
f = x * z  # f = 6, df/dx = z = 3 at the values f was computed from

z.data.add_(1)  # (1)!
print(z._version)
#> 0
f.backward()  # no error
print(f.item(), x.grad.item())
#> 6.0 4.0
# --8<-- [end:data]
