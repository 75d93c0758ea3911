# --8<-- [start:shape]
import torch
import torch.nn.functional as F
from torch import nn

scores = torch.tensor([[2.0, 0.5, -1.0], [0.2, 0.1, 1.5], [0.0, 3.0, 0.0]])
labels = torch.tensor([0, 1, 1])  # int64 class indices
one_hot_labels = F.one_hot(labels, num_classes=3)  # int64, scores' shape
for name, target in [("int32 indices, [3]", labels.int()),
                     ("int64 one-hot, [3, 3]", one_hot_labels)]:
    try:
        nn.CrossEntropyLoss()(scores, target)
    except RuntimeError as error:  # the wording differs between versions
        read_as = "probabilities" if "probabilities" in str(error) else (
            "indices")
        print(f"{name}: RuntimeError, read as {read_as}")
#> int32 indices, [3]: RuntimeError, read as indices
#> int64 one-hot, [3, 3]: RuntimeError, read as probabilities
# --8<-- [end:shape]

# --8<-- [start:weight]
weight = torch.tensor([1.0, 3.0, 1.0])  # class 1 counts three times
weighted_loss = nn.CrossEntropyLoss(weight=weight)
per_example = nn.CrossEntropyLoss(weight=weight, reduction="none")(
    scores, labels)  # w_y * loss, per example
w_y = weight[labels]
print(f"indices: {weighted_loss(scores, labels).item():.4f}, "
      f"sum / sum of weights {(per_example.sum() / w_y.sum()).item():.4f}")
#> indices: 0.8544, sum / sum of weights 0.8544
print(f"one-hot: {weighted_loss(scores, one_hot_labels.float()).item():.4f}"
      f", sum / N {(per_example.sum() / len(labels)).item():.4f}")
#> one-hot: 1.9935, sum / N 1.9935
# --8<-- [end:weight]
