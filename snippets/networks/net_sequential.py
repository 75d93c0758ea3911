# --8<-- [start:seq]
import torch
from torch import nn

torch.manual_seed(0)
seq = nn.Sequential(  # (1)!
    nn.Linear(10, 20),
    nn.Linear(20, 20),
    nn.Linear(20, 4),
)
print(tuple(seq(torch.rand(3, 10)).shape))
#> (3, 4)
print([name for name, _ in seq.named_parameters()][:2])
#> ['0.weight', '0.bias']
print(sum(p.numel() for p in seq.parameters()))
#> 724
# --8<-- [end:seq]
