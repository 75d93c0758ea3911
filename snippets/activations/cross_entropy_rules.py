# --8<-- [start:shape]
import torch
import torch.nn.functional as F
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5], [0.0, 3.0, 0.0]])
targets = torch.tensor([0, 1, 1])  # int64 class indices
one_hot = F.one_hot(targets, num_classes=3)  # int64, the logits' shape
for name, target in [("int32 indices, [3]", targets.int()),
                     ("int64 one-hot, [3, 3]", one_hot)]:
    try:
        nn.CrossEntropyLoss()(logits, target)
    except RuntimeError as error:  # the wording differs between versions
        read_as = "probabilities" if "probabilities" in str(error) else (
            "indices")
        print(f"{name}: RuntimeError, read as {read_as}")
#> int32 indices, [3]: RuntimeError, read as indices
#> int64 one-hot, [3, 3]: RuntimeError, read as probabilities
# --8<-- [end:shape]

# --8<-- [start:weight]
weight = torch.tensor([1.0, 3.0, 1.0])  # class 1 counts three times
loss_fn = nn.CrossEntropyLoss(weight=weight)
weighted = nn.CrossEntropyLoss(weight=weight, reduction="none")(
    logits, targets)  # w_y * loss, per example
w = weight[targets]
print(f"indices: {loss_fn(logits, targets).item():.4f}, "
      f"sum / sum of weights {(weighted.sum() / w.sum()).item():.4f}")
#> indices: 0.8544, sum / sum of weights 0.8544
print(f"one-hot: {loss_fn(logits, one_hot.float()).item():.4f}, "
      f"sum / N {(weighted.sum() / len(targets)).item():.4f}")
#> one-hot: 1.9935, sum / N 1.9935
# --8<-- [end:weight]
