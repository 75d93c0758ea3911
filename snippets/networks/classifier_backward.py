# --8<-- [start:backward]
from collections import OrderedDict

import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
model = nn.Sequential(OrderedDict(
    flatten=nn.Flatten(), fc1=nn.Linear(784, 512), relu1=nn.ReLU(),
    fc2=nn.Linear(512, 512), relu2=nn.ReLU(), output=nn.Linear(512, 10),
)).to(device)
images = torch.rand(4, 1, 28, 28).to(device)
labels = torch.tensor([3, 0, 7, 1]).to(device)  # made-up true classes

loss = nn.CrossEntropyLoss()(model(images), labels)  # (1)!
print(all(p.grad is None for p in model.parameters()))
#> True
loss.backward()  # (2)!
for name, p in model.named_parameters():
    print(f"{name:13} {tuple(p.shape)!s:10}  .grad {tuple(p.grad.shape)}")
#> fc1.weight    (512, 784)  .grad (512, 784)
#> fc1.bias      (512,)      .grad (512,)
#> fc2.weight    (512, 512)  .grad (512, 512)
#> fc2.bias      (512,)      .grad (512,)
#> output.weight (10, 512)   .grad (10, 512)
#> output.bias   (10,)       .grad (10,)
print(f"{sum(p.grad.numel() for p in model.parameters()):,} gradient entries")
#> 669,706 gradient entries
# --8<-- [end:backward]
