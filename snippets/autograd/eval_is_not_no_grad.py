# --8<-- [start:eval]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 2), nn.Dropout(p=0.5))
x = torch.randn(3, 4)

model.eval()  # dropout becomes the identity ...
out = model(x)
print(model.training, torch.equal(out, model(x)))
#> False True
# ... but the graph is still recorded
print(out.requires_grad, out.grad_fn.name())
#> True AddmmBackward0

with torch.no_grad():  # (1)!
    out = model(x)
print(out.requires_grad, out.grad_fn)
#> False None
# --8<-- [end:eval]
