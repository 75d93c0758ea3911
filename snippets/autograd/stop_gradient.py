# --8<-- [start:two_paths]
import torch

x = torch.tensor(3.0, requires_grad=True)

f = x * x**2  # two paths from x to f: the left factor, and x**2
f.backward()
print(x.grad.item())  # 3x² = 27
#> 27.0

x.grad = None
f = x * (x**2).detach()  # (1)!
f.backward()
print(x.grad.item())  # x² = 9
#> 9.0
# --8<-- [end:two_paths]

# --8<-- [start:target]
w = torch.tensor(2.0, requires_grad=True)
inputs = torch.tensor([1.0, 2.0])

pred = w * inputs
target = (0.5 * pred).detach()  # (1)!
loss = ((pred - target) ** 2).mean()
loss.backward()
print(w.grad.item(), loss.item())
#> 5.0 2.5

w.grad = None
pred = w * inputs
loss = ((pred - 0.5 * pred) ** 2).mean()  # same numbers, target not detached
loss.backward()
print(w.grad.item(), loss.item())
#> 2.5 2.5
# --8<-- [end:target]
