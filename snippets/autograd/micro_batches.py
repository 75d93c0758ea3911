# --8<-- [start:sum]
import torch
from torch import nn

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

torch.manual_seed(0)
model = nn.Linear(3, 1).to(device)
inputs, targets = torch.randn(8, 3).to(device), torch.randn(8, 1).to(device)


def full_batch_grad(loss_fn):
    model.zero_grad()
    loss_fn(model(inputs), targets).backward()  # one batch of 8
    return model.weight.grad.clone()


def accumulated_grad(loss_fn, divide_by):
    model.zero_grad()
    for chunk_x, chunk_y in zip(inputs.split(2), targets.split(2)):  # 4 of 2
        loss = loss_fn(model(chunk_x), chunk_y) / divide_by
        loss.backward()  # adds into .grad
    return model.weight.grad.clone()


sum_loss = nn.MSELoss(reduction="sum")  # adds up the squared errors
full = full_batch_grad(sum_loss)
print(torch.allclose(accumulated_grad(sum_loss, 1), full, atol=1e-5))
#> True
# --8<-- [end:sum]

# --8<-- [start:micro]
mean_loss = nn.MSELoss()  # the default, reduction="mean": divides by n
full = full_batch_grad(mean_loss)
print(torch.allclose(accumulated_grad(mean_loss, 4), full, atol=1e-6))
#> True
ratio = accumulated_grad(mean_loss, 1) / full  # (1)!
print(torch.allclose(ratio, torch.full_like(ratio, 4.0)))
#> True
# --8<-- [end:micro]
