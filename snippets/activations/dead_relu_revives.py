# --8<-- [start:revive]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(64, 3)
net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.ReLU())
with torch.no_grad():
    net[2].weight.fill_(1.0)
    net[2].bias.copy_(torch.tensor([0.0, -10.0]))  # (1)!
dead_weights = net[2].weight[1].detach().clone()
optimizer = torch.optim.SGD(net[0].parameters(), lr=0.01)  # (2)!
for step in range(200):
    optimizer.zero_grad()
    out = net(x)
    loss = ((out[:, 0] - 15.0) ** 2).mean()  # a target for unit 0 only
    loss.backward()
    if step == 0:
        print(f"step 0: unit 1 active on {(out[:, 1] > 0).sum().item()}/64"
              f", its weight grad {net[2].weight.grad[1].abs().max().item()}")
    optimizer.step()
#> step 0: unit 1 active on 0/64, its weight grad 0.0
out = net(x)
print(f"after 200 steps: unit 1 active on {(out[:, 1] > 0).sum().item()}/64"
      f", its weights unchanged: "
      f"{torch.equal(net[2].weight[1], dead_weights)}")
#> after 200 steps: unit 1 active on 64/64, its weights unchanged: True
# --8<-- [end:revive]
