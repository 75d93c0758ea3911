# --8<-- [start:detach]
import textwrap

import torch

a = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
b = a.exp()  # (1)!
d = b.detach()
print(d.requires_grad, d.grad_fn, d.is_leaf)
#> False None True
print(d.data_ptr() == b.data_ptr())  # same memory
#> True
# --8<-- [end:detach]

# --8<-- [start:inplace]
d.zero_()  # (1)!
print(b.tolist())
#> [0.0, 0.0, 0.0]
print(b._version, d._version)  # (2)!
#> 1 1

try:
    b.sum().backward()
except RuntimeError as e:
    message = str(e)
    print(textwrap.fill(message[: message.index(":")], 72))
    #> one of the variables needed for gradient computation has been modified
    #> by an inplace operation
    print(message[message.index("is at version") : message.index(". Hint")])
#> is at version 1; expected version 0 instead
# --8<-- [end:inplace]

# --8<-- [start:data]
a = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
b = a.exp()
b.data.zero_()  # (1)!
print(b._version)
#> 0
b.sum().backward()
print(a.grad.tolist())  # should be exp(a) = [1.0, 2.718..., 7.389...]
#> [0.0, 0.0, 0.0]
# --8<-- [end:data]
