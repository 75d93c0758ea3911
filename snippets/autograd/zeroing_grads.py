# --8<-- [start:zeroing]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

x = torch.tensor(2.0, device=device, requires_grad=True)
(x**3).backward()
x.grad = None  # 1. drop the tensor: the next backward stores a new one
print(x.grad)
#> None

(x**3).backward()
x.grad.zero_()  # 2. keep the tensor, fill it with zeros in place
print(x.grad.item())
#> 0.0

optimizer = torch.optim.SGD([x], lr=0.1)
(x**3).backward()
# 3. every parameter of the optimizer; set_to_none=True by default
optimizer.zero_grad()
print(x.grad)
#> None
# --8<-- [end:zeroing]

# --8<-- [start:none_vs_zero]
optimizer = torch.optim.SGD([x], lr=0.1, weight_decay=0.5)

(x**3).backward()
# grad is 0.0: SGD still applies weight decay
optimizer.zero_grad(set_to_none=False)
optimizer.step()  # x - lr * (0.0 + 0.5 * x) = 2 - 0.1
print(round(x.item(), 4), x.grad.item())
#> 1.9 0.0

optimizer.zero_grad()  # grad is None: SGD skips the parameter entirely
optimizer.step()
print(round(x.item(), 4), x.grad)
#> 1.9 None

optimizer = torch.optim.SGD([x], lr=0.1, momentum=0.9)
(x**2).backward()  # grad 2x = 3.8: a step of 0.38
optimizer.step()
# grad is 0.0, but the momentum buffer still holds 3.8
optimizer.zero_grad(set_to_none=False)
optimizer.step()  # x - 0.1 * (0.9 * 3.8 + 0.0)
print(round(x.item(), 4), x.grad.item())
#> 1.178 0.0
# --8<-- [end:none_vs_zero]
