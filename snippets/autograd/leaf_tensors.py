# --8<-- [start:leaves]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(2.0, device=device, requires_grad=True)  # made by you: a leaf
k = torch.tensor(3.0, device=device)  # made by you, no grad: also a leaf
u = k * x  # made by an op on something that requires grad: not a leaf
v = u**2

for name, t in [("x", x), ("k", k), ("u", u), ("v", v)]:
    node = t.grad_fn.name() if t.grad_fn is not None else None
    flags = f"requires_grad={t.requires_grad!s:5} is_leaf={t.is_leaf!s:5}"
    print(f"{name}: {flags} grad_fn={node}")
#> x: requires_grad=True  is_leaf=True  grad_fn=None
#> k: requires_grad=False is_leaf=True  grad_fn=None
#> u: requires_grad=True  is_leaf=False grad_fn=MulBackward0
#> v: requires_grad=True  is_leaf=False grad_fn=PowBackward0
# --8<-- [end:leaves]

# --8<-- [start:grad]
v.backward()  # v = (k x)^2, so dv/dx = 2 k^2 x = 36
print(x.grad.item(), k.grad)
#> 36.0 None
# --8<-- [end:grad]

# --8<-- [start:conversion]
w = torch.tensor([1.0, 2.0], requires_grad=True)
# a dtype conversion is a recorded op: its result is not a leaf
w64 = w.double()
print(w.is_leaf, w64.is_leaf, w64.grad_fn.name())
#> True False ToCopyBackward0
# .to() to where the tensor already is returns the tensor itself
print(w.to("cpu") is w)
#> True
# --8<-- [end:conversion]
