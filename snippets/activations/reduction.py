# --8<-- [start:modes]
import torch
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5], [0.0, 3.0, 0.0]])
targets = torch.tensor([0, 1, 1])
for reduction in ("none", "mean", "sum"):
    loss = nn.CrossEntropyLoss(reduction=reduction)(logits, targets)
    print(f"{reduction:4}: shape {tuple(loss.shape)}, "
          f"{[round(v, 4) for v in loss.reshape(-1).tolist()]}")
#> none: shape (3,), [0.2413, 1.8181, 0.0949]
#> mean: shape (), [0.7181]
#> sum : shape (), [2.1544]
# --8<-- [end:modes]

# --8<-- [start:ignore]
padded = torch.tensor([0, -100, 1])  # -100: the default ignore_index
per_example = nn.CrossEntropyLoss(reduction="none")(logits, padded)
print([round(v, 4) for v in per_example.tolist()])
#> [0.2413, 0.0, 0.0949]
mean = nn.CrossEntropyLoss()(logits, padded)
print(round(mean.item(), 4), round(per_example.sum().item() / 2, 4))  # (1)!
#> 0.1681 0.1681
# --8<-- [end:ignore]

# --8<-- [start:weight]
weight = torch.tensor([1.0, 3.0, 1.0])  # class 1 counts three times
weighted = nn.CrossEntropyLoss(weight=weight, reduction="none")(
    logits, targets)
print([round(v, 4) for v in weighted.tolist()])
#> [0.2413, 5.4544, 0.2848]
mean = nn.CrossEntropyLoss(weight=weight)(logits, targets)
w = weight[targets]  # the weight of each example's true class
print(w.tolist())
#> [1.0, 3.0, 3.0]
print(round(mean.item(), 4), round((weighted.sum() / w.sum()).item(), 4),
      round(weighted.mean().item(), 4))  # (1)!
#> 0.8544 0.8544 1.9935
# --8<-- [end:weight]
