# --8<-- [start:imbalanced]
import torch
from torch import nn

y = torch.cat([torch.ones(10), torch.zeros(90)])  # 10 positives, 90 negatives


def best_constant_logit(loss_fn, steps=500):
    b = torch.zeros(1, requires_grad=True)  # a model that ignores its input
    optimizer = torch.optim.SGD([b], lr=1.0)
    for _ in range(steps):
        loss = loss_fn(b.expand(100), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return torch.sigmoid(b).item()


plain = best_constant_logit(nn.BCEWithLogitsLoss())
weighted = best_constant_logit(
    nn.BCEWithLogitsLoss(pos_weight=torch.tensor([90 / 10])))  # (1)!
print(f"P(positive): plain {plain:.4f}, pos_weight=9 {weighted:.4f}")
#> P(positive): plain 0.1000, pos_weight=9 0.5000
# --8<-- [end:imbalanced]
