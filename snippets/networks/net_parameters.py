# the class the page defines in its first block
from snippets.networks.notes_net import Net

# --8<-- [start:repr]
import torch
from torch import nn

torch.manual_seed(0)
net = Net()
print(net)
#> Net(
#>   (fc1): Linear(in_features=10, out_features=20, bias=True)
#>   (fc2): Linear(in_features=20, out_features=20, bias=True)
#>   (output): Linear(in_features=20, out_features=4, bias=True)
#> )
# --8<-- [end:repr]

# --8<-- [start:named]
for name, p in net.named_parameters():
    print(f"{name:15} {tuple(p.shape)}")
#> fc1.weight      (20, 10)
#> fc1.bias        (20,)
#> fc2.weight      (20, 20)
#> fc2.bias        (20,)
#> output.weight   (4, 20)
#> output.bias     (4,)
# --8<-- [end:named]

# --8<-- [start:count]
for name, layer in net.named_children():
    n = sum(p.numel() for p in layer.parameters())
    formula = layer.in_features * layer.out_features + layer.out_features
    assert n == formula
    n_in, n_out = layer.in_features, layer.out_features
    print(f"{name}: {n_in}*{n_out} + {n_out} = {n}")
#> fc1: 10*20 + 20 = 220
#> fc2: 20*20 + 20 = 420
#> output: 20*4 + 4 = 84

total = sum(p.numel() for p in net.parameters())
print("total:", total)
#> total: 724
# --8<-- [end:count]

# --8<-- [start:holds]
layer = net.fc1
print(isinstance(layer, nn.Module), isinstance(layer, torch.Tensor))
#> True False
print([type(p).__name__ for p in layer.parameters()])
#> ['Parameter', 'Parameter']
print(isinstance(layer.weight, torch.Tensor), tuple(layer.weight.shape))
#> True (20, 10)
# --8<-- [end:holds]
