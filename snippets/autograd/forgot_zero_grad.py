# --8<-- [start:forgot]
import torch
from torch import nn

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")


def train(zero_each_step, lr, steps=3):
    torch.manual_seed(0)
    model = nn.Linear(3, 1).to(device)
    inputs = torch.randn(8, 3).to(device)
    targets = torch.randn(8, 1).to(device)
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
    return [round(g / grads[0], 3) for g in grads], losses


print("forgot zero_grad:", train(zero_each_step=False, lr=0.0)[0])
#> forgot zero_grad: [1.0, 2.0, 3.0]
print("zero_grad first: ", train(zero_each_step=True, lr=0.0)[0])
#> zero_grad first:  [1.0, 1.0, 1.0]
# --8<-- [end:forgot]

# --8<-- [start:loss]
forgot = train(zero_each_step=False, lr=0.1, steps=20)[1]
zeroed = train(zero_each_step=True, lr=0.1, steps=20)[1]
print("step  forgot  zeroed")
#> step  forgot  zeroed
for step, (a, b) in enumerate(zip(forgot, zeroed), start=1):
    print(f"{step:4}  {a:6.3f}  {b:6.3f}")
#>    1   1.209   1.209
#>    2   1.056   1.056
#>    3   0.886   0.966
#>    4   0.843   0.912
#>    5   0.937   0.877
#>    6   1.046   0.854
#>    7   1.033   0.837
#>    8   0.888   0.823
#>    9   0.726   0.813
#>   10   0.672   0.803
#>   11   0.740   0.795
#>   12   0.827   0.787
#>   13   0.827   0.780
#>   14   0.737   0.773
#>   15   0.652   0.766
#>   16   0.662   0.760
#>   17   0.760   0.754
#>   18   0.853   0.748
#>   19   0.871   0.742
#>   20   0.836   0.737
for name, run in (("forgot", forgot), ("zeroed", zeroed)):
    rises = sum(later > earlier for earlier, later in zip(run, run[1:]))
    print(f"{name}: the loss went up at {rises} of 19 steps")
#> forgot: the loss went up at 9 of 19 steps
#> zeroed: the loss went up at 0 of 19 steps
# --8<-- [end:loss]
