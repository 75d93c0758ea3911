# --8<-- [start:pieces]
import torch
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5]])
targets = torch.tensor([0, 1])

ce = nn.CrossEntropyLoss()(logits, targets)
nll = nn.NLLLoss()(torch.log_softmax(logits, dim=1), targets)  # (1)!
p_true = torch.softmax(logits, dim=1)[torch.arange(2), targets]
by_hand = -torch.log(p_true).mean()
print([round(p, 4) for p in p_true.tolist()])
#> [0.7856, 0.1623]
print(round(ce.item(), 4), round(nll.item(), 4), round(by_hand.item(), 4))
#> 1.0297 1.0297 1.0297
assert torch.allclose(ce, nll) and torch.allclose(ce, by_hand)
# --8<-- [end:pieces]

# --8<-- [start:shapes]
torch.manual_seed(0)
seq_logits = torch.randn(2, 7, 5)  # [batch, sequence, classes]
seq_targets = torch.randint(0, 5, (2, 7))  # [batch, sequence]
try:
    nn.CrossEntropyLoss()(seq_logits, seq_targets)
except RuntimeError as error:
    print(error)
#> Expected target size [2, 5], got [2, 7]
fixed = nn.CrossEntropyLoss()(seq_logits.permute(0, 2, 1), seq_targets)
flat = nn.CrossEntropyLoss()(seq_logits.reshape(-1, 5),
                              seq_targets.reshape(-1))
print(round(fixed.item(), 4), round(flat.item(), 4))  # (1)!
#> 1.7452 1.7452
# --8<-- [end:shapes]

# --8<-- [start:dtype]
try:
    nn.CrossEntropyLoss()(logits, torch.tensor([0.0, 1.0]))  # float indices
except RuntimeError as error:  # the wording differs across versions and devices
    print(type(error).__name__, "Long" in str(error))
#> RuntimeError True
# --8<-- [end:dtype]
