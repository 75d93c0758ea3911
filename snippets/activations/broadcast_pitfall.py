# --8<-- [start:shapes]
import textwrap
import warnings

import torch
from torch import nn

prediction = torch.tensor([[1.0], [2.0], [3.0]])  # [B, 1]: a Linear(n, 1)
target = torch.tensor([1.0, 2.0, 3.0])  # [B]: perfect predictions
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    wrong = nn.MSELoss()(prediction, target)  # broadcasts to [B, B]
print(round(wrong.item(), 4), round(
    nn.MSELoss()(prediction.squeeze(1), target).item(), 4))
#> 1.3333 0.0
for line in textwrap.wrap(str(caught[0].message), 72):
    print(line)
#> Using a target size (torch.Size([3])) that is different to the input
#> size (torch.Size([3, 1])). This will likely lead to incorrect results
#> due to broadcasting. Please ensure they have the same size.
# --8<-- [end:shapes]
