# --8<-- [start:identity]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
model = nn.Linear(3, 2)
before = [id(p) for p in model.parameters()]
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)  # built too early

model.to(device)  # CPU -> CPU or CUDA: the same Parameter objects
print([id(p) == old for p, old in zip(model.parameters(), before)])
#> [True, True]

model.to("meta")  # CPU -> meta: new Parameter objects
print([id(p) == old for p, old in zip(model.parameters(), before)])
#> [False, False]
print(optimizer.param_groups[0]["params"][0] is model.weight)  # (1)!
#> False
# --8<-- [end:identity]
