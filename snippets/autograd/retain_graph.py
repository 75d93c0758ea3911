# --8<-- [start:second]
import textwrap

import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(-3.0, device=device, requires_grad=True)
y = torch.tensor(5.0, device=device, requires_grad=True)
z = torch.tensor(-2.0, device=device, requires_grad=True)

f = (x + y) * z  # MulBackward0 saves q = x + y and z for its backward
f.backward()
try:
    f.backward()
except RuntimeError as e:
    for sentence in str(e).removesuffix(".").split(". "):
        print(textwrap.fill(sentence + ".", 76))
#> Trying to backward through the graph a second time (or directly access saved
#> tensors after they have already been freed).
#> Saved intermediate values of the graph are freed when you call .backward()
#> or autograd.grad().
#> Specify retain_graph=True if you need to backward through the graph a second
#> time or if you need to access saved tensors after calling backward.
# --8<-- [end:second]

# --8<-- [start:retain]
for leaf in (x, y, z):
    leaf.grad = None

f = (x + y) * z
f.backward(retain_graph=True)  # walk the graph, keep the saved values
print([leaf.grad.item() for leaf in (x, y, z)])
#> [-2.0, -2.0, 2.0]
f.backward()  # walks the same graph again (and frees it this time)
# accumulated: twice the gradient
print([leaf.grad.item() for leaf in (x, y, z)])
#> [-4.0, -4.0, 4.0]
# --8<-- [end:retain]

# --8<-- [start:nothing_saved]
g = x + y  # AddBackward0 needs no saved values to pass a gradient on
g.backward()
g.backward()  # no error, although nothing was retained
print(x.grad.item())  # -4 from above, then +1 and +1
#> -2.0
# --8<-- [end:nothing_saved]
