# --8<-- [start:call-vs-forward]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(10, 4)
x = torch.rand(3, 10)


def announce(module, inputs, output):
    print(f"hook saw {type(module).__name__} output {tuple(output.shape)}")


handle = layer.register_forward_hook(announce)
y_call = layer(x)  # __call__: hooks, then forward, then hooks
#> hook saw Linear output (3, 4)
y_forward = layer.forward(x)  # forward alone: the hook is skipped
print(torch.equal(y_call, y_forward))
#> True
handle.remove()
# --8<-- [end:call-vs-forward]
