# --8<-- [start:symmetry]
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():  # make hidden unit 1 an exact copy of unit 0
    net[0].weight[1] = net[0].weight[0]  # same incoming weights
    net[0].bias[1] = net[0].bias[0]
    net[2].weight[0, 1] = net[2].weight[0, 0]  # same outgoing weight

optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
x, target = torch.rand(8, 3), torch.rand(8, 1)
for step in range(100):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(net(x), target)
    loss.backward()
    grad = net[0].weight.grad
    same_grad = torch.equal(grad[0], grad[1])  # (1)!
    optimizer.step()
    same_rows = torch.equal(net[0].weight[0], net[0].weight[1])
    if step in (0, 1, 99):
        print(f"step {step}: loss {loss.item():.4f}, "
              f"same gradient {same_grad}, same weights {same_rows}")
#> step 0: loss 0.5938, same gradient True, same weights True
#> step 1: loss 0.0843, same gradient True, same weights True
#> step 99: loss 0.0839, same gradient True, same weights True
# --8<-- [end:symmetry]
