# --8<-- [start:shapes]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
layer = nn.Linear(in_features=3, out_features=2).to(device)
x = torch.rand(4, 3).to(device)  # a batch of 4 samples, 3 features each
y = layer(x)

print("x:", tuple(x.shape))
#> x: (4, 3)
print("W:", tuple(layer.weight.shape))
#> W: (2, 3)
print("b:", tuple(layer.bias.shape))
#> b: (2,)
print("y:", tuple(y.shape))
#> y: (4, 2)
# --8<-- [end:shapes]

# --8<-- [start:unbatched]
one = torch.rand(3).to(device)  # a single sample, no batch axis
print(tuple(one.shape), "->", tuple(layer(one).shape))
#> (3,) -> (2,)

# any leading axes: only the last one is in_features
stacked = torch.rand(2, 5, 3).to(device)
print(tuple(stacked.shape), "->", tuple(layer(stacked).shape))
#> (2, 5, 3) -> (2, 5, 2)
# --8<-- [end:unbatched]
