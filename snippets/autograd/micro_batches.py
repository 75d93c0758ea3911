# --8<-- [start:micro]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")

torch.manual_seed(0)
model = nn.Linear(3, 1).to(device)
inputs, targets = torch.randn(8, 3).to(device), torch.randn(8, 1).to(device)
loss_fn = nn.MSELoss()  # mean over the batch

loss_fn(model(inputs), targets).backward()  # one batch of 8
full = model.weight.grad.clone()

model.zero_grad()
for chunk_x, chunk_y in zip(inputs.split(2), targets.split(2)):  # 4 micro-batches of 2
    loss = loss_fn(model(chunk_x), chunk_y) / 4  # (1)!
    loss.backward()  # adds into .grad
print(torch.allclose(model.weight.grad, full, atol=1e-6))
#> True
# --8<-- [end:micro]
