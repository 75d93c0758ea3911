# --8<-- [start:exempt]
import torch

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

scale = torch.tensor(2.0)  # a 0-dim tensor, on the CPU
for where in (device, torch.device("meta")):  # (1)!
    x = torch.ones(4, 3, device=where)
    y = x * scale  # CPU scalar and a tensor elsewhere: allowed
    print(where.type == y.device.type, tuple(y.shape))
#> True (4, 3)
#> True (4, 3)

x = torch.ones(4, 3, device="meta")
try:
    x * torch.tensor([2.0])  # (2)!
except RuntimeError as error:
    print(str(error).splitlines()[0])
#> Tensor on device cpu is not on the expected device meta!
# --8<-- [end:exempt]
