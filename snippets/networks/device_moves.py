# --8<-- [start:pick]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)  # (1)!
device = device or torch.device("cpu")
old_way = torch.device("cuda" if torch.cuda.is_available() else "cpu")  # (2)!
# --8<-- [end:pick]

# --8<-- [start:model]
torch.manual_seed(0)
model = nn.Linear(3, 2)  # built on the CPU
# moves every parameter and buffer, returns the module itself
moved = model.to(device)
print(moved is model, next(model.parameters()).device.type == device.type)
#> True True

layer = nn.Linear(3, 2)
layer.to("meta")  # result ignored, and yet...
print(layer.weight.device)  # ...the module has moved: Module.to works in place
#> meta
# --8<-- [end:model]

# --8<-- [start:tensor]
x = torch.rand(5, 3)
x.to("meta")  # (1)!
print(x.device)
#> cpu

# assign the result: this is the tensor on the other device
x_meta = x.to("meta")
print(x_meta.device, x_meta is x, x.to("cpu") is x)
#> meta False True
# --8<-- [end:tensor]

# --8<-- [start:check]
# device objects only: nothing is put on a GPU, so this runs anywhere
print(torch.device("cuda:0") == torch.device("cuda"))
#> False
print(torch.device("cuda:0").type == "cuda")
#> True
# --8<-- [end:check]
