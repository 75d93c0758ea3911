# --8<-- [start:formula]
import torch
import torch.nn.functional as F
from torch import nn

z = torch.tensor([-3.0, 0.0, 2.0])  # one logit per example
y = torch.tensor([0.0, 1.0, 1.0])  # float targets, same shape as z
p = torch.sigmoid(z)
by_hand = -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
stable = (z.clamp(min=0) - z * y + F.softplus(-z.abs())).mean()  # (1)!
print(round(by_hand.item(), 4), round(stable.item(), 4),
      round(nn.BCEWithLogitsLoss()(z, y).item(), 4),
      round(nn.BCELoss()(p, y).item(), 4))
#> 0.2896 0.2896 0.2896 0.2896
# --8<-- [end:formula]

# --8<-- [start:break]
for name, loss_of in [
    ("sigmoid + BCELoss ", lambda v, t: nn.BCELoss()(torch.sigmoid(v), t)),
    ("BCEWithLogitsLoss ", nn.BCEWithLogitsLoss()),
]:
    z = torch.tensor([40.0, -200.0], requires_grad=True)  # both confidently
    y = torch.tensor([0.0, 1.0])  # ... wrong
    loss = loss_of(z, y)
    loss.backward()
    grad = [g + 0.0 for g in z.grad.tolist()]  # + 0.0 turns -0.0 into 0.0
    print(f"{name} loss {loss.item():6.1f}  grad {grad}")
#> sigmoid + BCELoss  loss  100.0  grad [0.0, 0.0]
#> BCEWithLogitsLoss  loss  120.0  grad [0.5, -0.5]
# --8<-- [end:break]
