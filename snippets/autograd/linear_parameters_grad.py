# --8<-- [start:params]
import torch
from torch import nn

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

torch.manual_seed(0)
# created on the CPU, then moved: its parameters stay leaves
layer = nn.Linear(3, 2).to(device)
# a batch of 4; no requires_grad: data is not learned
inputs = torch.randn(4, 3).to(device)

for name, p in layer.named_parameters():
    print(name, type(p).__name__, p.requires_grad, p.is_leaf, p.grad)
#> weight Parameter True True None
#> bias Parameter True True None

out = layer(inputs)
print(out.is_leaf, out.grad_fn.name())
#> False AddmmBackward0

out.sum().backward()
for name, p in layer.named_parameters():
    print(name, tuple(p.grad.shape), tuple(p.shape))
#> weight (2, 3) (2, 3)
#> bias (2,) (2,)
print(layer.bias.grad.tolist())  # d(sum of out)/d(bias_j) = batch size
#> [4.0, 4.0]
# each row of the weight's gradient: the sum of the inputs
print(torch.allclose(layer.weight.grad, inputs.sum(0).expand(2, 3)))
#> True
print(inputs.grad)
#> None
# --8<-- [end:params]
