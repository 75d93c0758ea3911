# --8<-- [start:threshold]
import torch
from torch import nn

errors = torch.tensor([0.5, 1.0, 5.0])  # prediction minus target
zeros = torch.zeros(3)
smooth = nn.SmoothL1Loss(beta=2.0, reduction="none")(errors, zeros)
huber = nn.HuberLoss(delta=2.0, reduction="none")(errors, zeros)
print("SmoothL1Loss(beta=2): ", smooth.tolist())
#> SmoothL1Loss(beta=2):  [0.0625, 0.25, 4.0]
print("HuberLoss(delta=2):   ", huber.tolist())
#> HuberLoss(delta=2):    [0.125, 0.5, 8.0]
print("Huber == 2 * SmoothL1:", torch.allclose(huber, 2.0 * smooth))
#> Huber == 2 * SmoothL1: True
for loss, wrong in [(nn.SmoothL1Loss, "delta"), (nn.HuberLoss, "beta")]:
    try:
        loss(**{wrong: 2.0})
    except TypeError as error:
        print(f"{loss.__name__}({wrong}=2.0): {type(error).__name__}")
#> SmoothL1Loss(delta=2.0): TypeError
#> HuberLoss(beta=2.0): TypeError
# --8<-- [end:threshold]
