# --8<-- [start:binary]
import torch
from torch import nn

z = torch.tensor([-2.0, 0.0, 3.0])  # binary task: ONE logit per example
p = torch.sigmoid(z)  # P(class 1) = 1 / (1 + e^{-z}); P(class 0) = 1 - p
print([round(v, 4) for v in p.tolist()])
#> [0.1192, 0.5, 0.9526]

# the same task as 2 classes: [0, z]
two_logits = torch.stack([torch.zeros(3), z], dim=1)
print([round(v, 4) for v in torch.softmax(two_logits, dim=1)[:, 1].tolist()])
#> [0.1192, 0.5, 0.9526]
# --8<-- [end:binary]

# --8<-- [start:losses]
labels = torch.tensor([0, 1, 1])
# takes the raw logit, applies sigmoid inside
bce = nn.BCEWithLogitsLoss()(z, labels.float())
ce = nn.CrossEntropyLoss()(two_logits, labels)
print(round(bce.item(), 4), round(ce.item(), 4))
#> 0.2896 0.2896
# --8<-- [end:losses]

# --8<-- [start:multilabel]
scores = torch.tensor([[2.0, -1.0, 0.5, 0.1]])
sig_sum = torch.sigmoid(scores).sum().item()
soft_sum = torch.softmax(scores, dim=1).sum().item()
print(round(sig_sum, 4), round(soft_sum, 4))
#> 2.2972 1.0
# --8<-- [end:multilabel]
