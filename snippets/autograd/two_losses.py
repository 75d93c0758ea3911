# --8<-- [start:separate]
import torch
from torch import nn

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

torch.manual_seed(0)
trunk = nn.Linear(4, 3).to(device)  # shared by both losses
head_a, head_b = nn.Linear(3, 1).to(device), nn.Linear(3, 1).to(device)
inputs = torch.randn(5, 4).to(device)

features = trunk(inputs)
loss_a = head_a(features).pow(2).mean()
loss_b = head_b(features).abs().mean()
# the trunk's part of the graph is needed again...
loss_a.backward(retain_graph=True)
loss_b.backward()  # ...by this walk, which frees it
separate = trunk.weight.grad.clone()
# --8<-- [end:separate]

# --8<-- [start:summed]
for module in (trunk, head_a, head_b):
    module.zero_grad()

features = trunk(inputs)
loss = head_a(features).pow(2).mean() + head_b(features).abs().mean()
# one walk: the trunk's nodes run once, with the two gradients summed
loss.backward()
print(torch.allclose(trunk.weight.grad, separate, atol=1e-6))
#> True
# --8<-- [end:summed]
