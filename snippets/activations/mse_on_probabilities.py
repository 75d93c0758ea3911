# --8<-- [start:gradients]
import torch
from torch import nn

y = torch.tensor([1.0])  # the true class is 1
LOSSES = {  # the loss of one logit z against y, both ways
    "MSE": lambda z: nn.MSELoss()(torch.sigmoid(z), y),
    "CE": lambda z: nn.BCEWithLogitsLoss()(z, y),
}
for at in (-10.0, -5.0, -2.0, 0.0, 2.0):  # the model's logit
    grads = {}
    for name, loss_of in LOSSES.items():
        z = torch.tensor([at], requires_grad=True)
        loss_of(z).backward()
        grads[name] = z.grad.item()
    print(f"logit {at:5}: p {torch.sigmoid(torch.tensor(at)).item():.4f}"
          f"  dMSE/dz {grads['MSE']:+.4f}  dCE/dz {grads['CE']:+.4f}")
#> logit -10.0: p 0.0000  dMSE/dz -0.0001  dCE/dz -1.0000
#> logit  -5.0: p 0.0067  dMSE/dz -0.0132  dCE/dz -0.9933
#> logit  -2.0: p 0.1192  dMSE/dz -0.1850  dCE/dz -0.8808
#> logit   0.0: p 0.5000  dMSE/dz -0.2500  dCE/dz -0.5000
#> logit   2.0: p 0.8808  dMSE/dz -0.0250  dCE/dz -0.1192
# --8<-- [end:gradients]
