# --8<-- [start:check]
import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5]], requires_grad=True)
targets = torch.tensor([0, 1])
F.cross_entropy(logits, targets).backward()  # mean over the batch of 2

by_formula = (torch.softmax(logits, dim=1)
              - F.one_hot(targets, num_classes=3)) / 2  # (1)!
assert torch.allclose(logits.grad, by_formula.detach())
for row in logits.grad.tolist():
    print([round(v, 4) for v in row])
#> [-0.1072, 0.0876, 0.0196]
#> [0.0897, -0.4188, 0.3291]
row_sums = logits.grad.sum(dim=1).tolist()  # each row sums to 0
print([round(s, 4) + 0.0 for s in row_sums])  # + 0.0: no -0.0
#> [0.0, 0.0]
# --8<-- [end:check]
