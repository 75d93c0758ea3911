# --8<-- [start:targets]
import torch
import torch.nn.functional as F
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

logits = torch.tensor([
    [2.0, -1.0, 0.5, 0.1],
    [-0.3, 0.8, 4.0, -2.0],
    [1.2, 1.1, -0.5, 3.3],
]).to(device)
targets = torch.tensor([0, 2, 1]).to(device)  # (1)!
one_hot = F.one_hot(targets, num_classes=4).float()  # (2)!
print(one_hot.tolist())
#> [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0]]

loss_fn = nn.CrossEntropyLoss()  # averages over the batch by default
from_indices = loss_fn(logits, targets)
from_one_hot = loss_fn(logits, one_hot)
print(round(from_indices.item(), 4), round(from_one_hot.item(), 4))
#> 0.9451 0.9451
# --8<-- [end:targets]

# --8<-- [start:by_hand]
log_probs = torch.log_softmax(logits, dim=1)  # log of softmax, computed stably
# -log p(true class), one per row
per_example = -log_probs[torch.arange(3), targets]
print([round(v, 4) for v in per_example.tolist()])
#> [0.3524, 0.0553, 2.4276]
by_hand = per_example.mean()
print(round(by_hand.item(), 4))
#> 0.9451
assert torch.allclose(by_hand, from_indices)
assert torch.allclose(by_hand, from_one_hot)
# --8<-- [end:by_hand]

# --8<-- [start:double]
double = loss_fn(torch.softmax(logits, dim=1), targets)  # (1)!
print(round(double.item(), 4))
#> 1.1191

# confident and right
perfect = torch.tensor([[100.0, 0.0, 0.0, 0.0]]).to(device)
right = torch.tensor([0]).to(device)
once = loss_fn(perfect, right)
twice = loss_fn(perfect.softmax(dim=1), right)
print(round(once.item(), 4), round(twice.item(), 4))
#> 0.0 0.7437
# --8<-- [end:double]
