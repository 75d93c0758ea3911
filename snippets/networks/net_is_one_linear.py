# the class the page defines in its first block
from snippets.networks.notes_net import Net

# --8<-- [start:collapse]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
net = Net().to(device)
x = torch.rand(5, 10).to(device)

W1, W2, W3 = net.fc1.weight, net.fc2.weight, net.output.weight
b1, b2, b3 = net.fc1.bias, net.fc2.bias, net.output.bias

single = nn.Linear(10, 4).to(device)
with torch.no_grad():  # (1)!
    single.weight.copy_(W3 @ W2 @ W1)
    single.bias.copy_(W3 @ (W2 @ b1 + b2) + b3)

print(tuple(single.weight.shape), tuple(single.bias.shape))
#> (4, 10) (4,)
print(torch.allclose(net(x), single(x), atol=1e-6))
#> True
n_net = sum(p.numel() for p in net.parameters())
n_single = sum(p.numel() for p in single.parameters())
print("parameters:", n_net, "vs", n_single)
#> parameters: 724 vs 44
# --8<-- [end:collapse]
