# --8<-- [start:binary]
import torch
from torch import nn

z = torch.tensor([-2.0, 0.0, 3.0])  # binary task: ONE logit per example
p = torch.sigmoid(z)  # P(class 1) = 1 / (1 + e^{-z}); P(class 0) = 1 - p
print([round(v, 4) for v in p.tolist()])
#> [0.1192, 0.5, 0.9526]

two_logits = torch.stack([torch.zeros(3), z], dim=1)  # the same task as 2 classes: [0, z]
print([round(v, 4) for v in torch.softmax(two_logits, dim=1)[:, 1].tolist()])
#> [0.1192, 0.5, 0.9526]
# --8<-- [end:binary]

# --8<-- [start:losses]
labels = torch.tensor([0, 1, 1])
bce = nn.BCEWithLogitsLoss()(z, labels.float())  # takes the raw logit, applies sigmoid inside
ce = nn.CrossEntropyLoss()(two_logits, labels)
print(round(bce.item(), 4), round(ce.item(), 4))
#> 0.2896 0.2896
# --8<-- [end:losses]

# --8<-- [start:multilabel]
scores = torch.tensor([[2.0, -1.0, 0.5, 0.1]])
print(round(torch.sigmoid(scores).sum().item(), 4), round(torch.softmax(scores, dim=1).sum().item(), 4))
#> 2.2972 1.0
# --8<-- [end:multilabel]
