# --8<-- [start:forgot]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")


def train(zero_each_step, lr, steps=3):
    torch.manual_seed(0)
    model = nn.Linear(3, 1).to(device)
    inputs, targets = torch.randn(8, 3).to(device), torch.randn(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    grads, losses = [], []
    for _ in range(steps):
        if zero_each_step:
            optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(inputs), targets)
        loss.backward()
        optimizer.step()
        grads.append(model.bias.grad.item())
        losses.append(loss.item())
    return [round(g / grads[0], 3) for g in grads], [round(v, 3) for v in (losses[0], losses[-1])]


print("forgot zero_grad:", train(zero_each_step=False, lr=0.0)[0])
#> forgot zero_grad: [1.0, 2.0, 3.0]
print("zero_grad first: ", train(zero_each_step=True, lr=0.0)[0])
#> zero_grad first:  [1.0, 1.0, 1.0]
# --8<-- [end:forgot]

# --8<-- [start:loss]
print("loss, first and 30th step, forgot:", train(zero_each_step=False, lr=0.1, steps=30)[1])
#> loss, first and 30th step, forgot: [1.209, 1.164]
print("loss, first and 30th step, zeroed:", train(zero_each_step=True, lr=0.1, steps=30)[1])
#> loss, first and 30th step, zeroed: [1.209, 0.69]
# --8<-- [end:loss]
