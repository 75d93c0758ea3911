# --8<-- [start:backward]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
layer = nn.Linear(3, 2).to(device)
x = torch.rand(4, 3).to(device).requires_grad_()
y = layer(x)
y.retain_grad()  # keep dL/dy, the delta, on this non-leaf
loss = (y**2).sum()  # any scalar loss will do
loss.backward()

delta, W = y.grad, layer.weight.detach()
print("delta:", tuple(delta.shape))
#> delta: (4, 2)
by_hand = {
    "dL/dW = delta^T x": (layer.weight.grad, delta.T @ x.detach()),
    "dL/db = sum of delta": (layer.bias.grad, delta.sum(dim=0)),
    "dL/dx = delta W": (x.grad, delta @ W),
}
for name, (autograd, ours) in by_hand.items():
    same = torch.allclose(autograd, ours)
    print(f"{name:21} {tuple(ours.shape)} same as autograd: {same}")
#> dL/dW = delta^T x     (2, 3) same as autograd: True
#> dL/db = sum of delta  (2,) same as autograd: True
#> dL/dx = delta W       (4, 3) same as autograd: True
# --8<-- [end:backward]
