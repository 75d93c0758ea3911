# --8<-- [start:dropout]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
net = nn.Sequential(
    nn.Linear(16, 32), nn.ReLU(), nn.Dropout(p=0.5), nn.Linear(32, 3),
).to(device)
x = torch.rand(2, 16).to(device)

print(net.training)  # a fresh module starts in training mode
#> True
first, second = net(x), net(x)
print("train:", torch.equal(first, second))  # (1)!
#> train: False

net.eval()  # sets .training = False on net and on every submodule
first, second = net(x), net(x)
print("eval: ", torch.equal(first, second), net[2].training)
#> eval:  True False
# --8<-- [end:dropout]

# --8<-- [start:graph]
# eval mode changes layers, not autograd: the graph is still recorded
out = net(x)
print(out.requires_grad, out.grad_fn.name())
#> True AddmmBackward0

with torch.inference_mode():  # (1)!
    prediction = net(x)
same = torch.equal(prediction, out)
print(prediction.requires_grad, prediction.grad_fn, same)
#> False None True

net.train()  # back to training mode before the next training step
print(net.training, net[2].training)
#> True True
# --8<-- [end:graph]
