# --8<-- [start:forms]
import torch
import torch.nn.functional as F
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

logits = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5]], device=device)
targets = torch.tensor([0, 1], device=device)  # int64 class indices, [B]
loss_fn = nn.CrossEntropyLoss()

one_hot = F.one_hot(targets, num_classes=3).float()  # [B, C] probabilities
soft = torch.tensor([[0.8, 0.2, 0.0], [0.1, 0.6, 0.3]], device=device)
print(round(loss_fn(logits, targets).item(), 4),
      round(loss_fn(logits, one_hot).item(), 4),
      round(loss_fn(logits, soft).item(), 4))
#> 1.0297 1.0297 0.9647
# --8<-- [end:forms]

# --8<-- [start:smoothing]
eps, C = 0.1, 3
smoothed = nn.CrossEntropyLoss(label_smoothing=eps)(logits, targets)
as_probs = (1 - eps) * one_hot + eps / C  # the target it stands for
print([round(v, 4) for v in as_probs[0].tolist()])
#> [0.9333, 0.0333, 0.0333]
print(round(smoothed.item(), 4), round(loss_fn(logits, as_probs).item(), 4))
#> 1.0797 1.0797
# --8<-- [end:smoothing]
