# --8<-- [start:step]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)
model = nn.Linear(3, 1).to(device)
inputs, targets = torch.randn(8, 3).to(device), torch.randn(8, 1).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
w0 = model.weight.detach().clone()

optimizer.zero_grad()  # 1. clear what the last step left in .grad
print("after zero_grad:", model.weight.grad)
#> after zero_grad: None
loss = nn.functional.mse_loss(model(inputs), targets)
loss.backward()  # 2. fill .grad with d(loss)/d(parameter)
grad = model.weight.grad.clone()
print("after backward: ", [round(g, 4) for g in grad.flatten().tolist()])
#> after backward:  [0.2589, 0.7913, -0.2553]
optimizer.step()  # 3. move every parameter against its gradient
moved = model.weight.detach() - w0
print("step moved w by:", [round(d, 4) for d in moved.flatten().tolist()])
#> step moved w by: [-0.0259, -0.0791, 0.0255]
assert torch.allclose(moved, -0.1 * grad)  # w <- w - lr * grad
new_loss = nn.functional.mse_loss(model(inputs), targets)
print(f"loss {loss.item():.4f} -> {new_loss.item():.4f}")
#> loss 1.2095 -> 1.0555
# --8<-- [end:step]
