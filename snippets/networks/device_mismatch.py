# --8<-- [start:mismatch]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(3, 2)  # parameters on the CPU
x = torch.rand(4, 3, device="meta")  # (1)!

try:
    layer(x)
except RuntimeError as error:
    print(str(error).splitlines()[0])
#> Tensor on device cpu is not on the expected device meta!

layer.to("meta")  # the fix: model and input on the same device
print(tuple(layer(x).shape))
#> (4, 2)
# --8<-- [end:mismatch]

# --8<-- [start:printing]
t = torch.tensor([0.1, 0.2])
print(t.to("meta"))  # (1)!
#> tensor(..., device='meta', size=(2,))
print(t.tolist())  # float32 values, shown as Python floats
#> [0.10000000149011612, 0.20000000298023224]
rounded = [round(v, 4) for v in t.tolist()]
print(rounded, tuple(t.shape), t[0].item() == t.tolist()[0])
#> [0.1, 0.2] (2,) True
# --8<-- [end:printing]
