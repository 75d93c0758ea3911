# --8<-- [start:dropout]
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Dropout(0.5),
                    nn.Linear(2, 1))
with torch.no_grad():  # hidden unit 1: an exact copy of unit 0 again
    net[0].weight[1] = net[0].weight[0]
    net[0].bias[1] = net[0].bias[0]
    net[3].weight[0, 1] = net[3].weight[0, 0]

optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
x, target = torch.rand(8, 3), torch.rand(8, 1)
for step in range(100):
    optimizer.zero_grad()
    nn.functional.mse_loss(net(x), target).backward()  # (1)!
    grad = net[0].weight.grad
    same_grad = torch.equal(grad[0], grad[1])
    optimizer.step()
    if step in (0, 1):
        print(f"step {step}: same gradient {same_grad}")
#> step 0: same gradient False
#> step 1: same gradient False
gap = (net[0].weight[0] - net[0].weight[1]).abs().max().item()
print(f"after 100 steps: rows differ by up to {gap:.2f}")
#> after 100 steps: rows differ by up to 0.04
# --8<-- [end:dropout]
