# --8<-- [start:values]
import torch
from torch import nn

prediction = torch.tensor([2.5, 0.0, 2.0, 8.0])
target = torch.tensor([3.0, -0.5, 2.0, 7.0])
mse = nn.MSELoss()(prediction, target)  # mean of squared errors
l1 = nn.L1Loss()(prediction, target)  # mean of absolute errors
print(round(mse.item(), 4), round(l1.item(), 4))
#> 0.375 0.5
# --8<-- [end:values]

# --8<-- [start:constant]
y = torch.tensor([1.0, 2.0, 3.0, 4.0, 100.0])  # one outlier
for name, loss_fn in [("MSE", nn.MSELoss()), ("L1 ", nn.L1Loss())]:
    c = torch.zeros(1, requires_grad=True)  # the best single prediction
    optimizer = torch.optim.Adam([c], lr=0.5)
    for _ in range(2000):
        loss = loss_fn(c.expand(5), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"{name}: best constant {c.item():.1f}")
#> MSE: best constant 22.0
#> L1 : best constant 3.0
print(f"mean {y.mean().item():.1f}, median {y.median().item():.1f}")
#> mean 22.0, median 3.0
# --8<-- [end:constant]
