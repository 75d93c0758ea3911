# --8<-- [start:by-hand]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
layer = nn.Linear(3, 2).to(device)
x = torch.rand(4, 3).to(device)
W, b = layer.weight, layer.bias

by_hand = x @ W.T + b  # (1)!
print(torch.allclose(layer(x), by_hand))
#> True
print("max abs difference:", round((layer(x) - by_hand).abs().max().item(), 6))
#> max abs difference: 0.0
# --8<-- [end:by-hand]

# --8<-- [start:broadcast]
xw = x @ W.T
print(tuple(xw.shape), "+", tuple(b.shape), "->", tuple((xw + b).shape))
#> (4, 2) + (2,) -> (4, 2)
# b is copied down every row
print(torch.allclose(xw + b, xw + b.expand(4, 2)))
#> True
# --8<-- [end:broadcast]

# --8<-- [start:rows]
j = 1  # output unit j reads row j of W
print(torch.allclose(layer(x)[:, j], x @ W[j] + b[j]))
#> True

x0 = x[0]  # one sample as a column vector: y = W x + b
print(torch.allclose(layer(x0), W @ x0 + b))
#> True

first = nn.Linear(784, 512)  # the notes' first layer: 784 in, 512 out
print(tuple(first.weight.shape), tuple(first.bias.shape))
#> (512, 784) (512,)
# --8<-- [end:rows]
