# %% [markdown]
# # Lab: autograd by hand and by machine
#
# Exercise: compute $\frac{\partial f}{\partial x}$ for $f = x^2$ at $x = 3$.

# %%
import torch

x = torch.tensor(3.0, requires_grad=True)
(x**2).backward()
assert x.grad.item() == 6.0
print(x.grad.item())
