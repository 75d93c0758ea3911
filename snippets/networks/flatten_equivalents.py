# --8<-- [start:same]
import torch
from torch import nn

torch.manual_seed(0)
x = torch.rand(4, 1, 28, 28)
B = x.shape[0]

ways = {
    "nn.Flatten()(x)": nn.Flatten()(x),
    "torch.flatten(x, 1)": torch.flatten(x, start_dim=1),
    "x.flatten(1)": x.flatten(1),
    "x.view(B, -1)": x.view(B, -1),
    "x.reshape(B, -1)": x.reshape(B, -1),
}
reference = ways["nn.Flatten()(x)"]
for name, flat in ways.items():
    same = torch.equal(flat, reference)
    print(f"{name:20} {tuple(flat.shape)}  same values: {same}")
#> nn.Flatten()(x)      (4, 784)  same values: True
#> torch.flatten(x, 1)  (4, 784)  same values: True
#> x.flatten(1)         (4, 784)  same values: True
#> x.view(B, -1)        (4, 784)  same values: True
#> x.reshape(B, -1)     (4, 784)  same values: True
# --8<-- [end:same]

# --8<-- [start:view]
# color images stored channels-last, viewed as [4, 3, 28, 28]
rgb = torch.rand(4, 28, 28, 3).permute(0, 3, 1, 2)
print(tuple(rgb.shape), rgb.is_contiguous())
#> (4, 3, 28, 28) False
try:
    rgb.view(4, -1)
except RuntimeError as e:
    message = str(e).splitlines()[0]
    print(message.replace(" (", "\n(").replace(". ", ".\n"))
#> view size is not compatible with input tensor's size and stride
#> (at least one dimension spans across two contiguous subspaces).
#> Use .reshape(...) instead.
print(tuple(rgb.reshape(4, -1).shape))
#> (4, 2352)
# --8<-- [end:view]
