# --8<-- [start:build]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU


def deep_mlp(activation, depth=20, width=64, classes=10):
    """`depth` Linear layers, an activation after each but the last."""
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), activation()]
    layers.append(nn.Linear(width, classes))
    return nn.Sequential(*layers)


def weight_grad_norms(model, x, y):
    """One forward and backward pass; each Linear weight's gradient norm."""
    model.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [layer.weight.grad.norm().item() for layer in linears]  # (1)!


torch.manual_seed(0)
x = torch.randn(256, 64).to(device)  # one batch: 256 examples, 64 features
y = torch.randint(0, 10, (256,)).to(device)  # and a class (0-9) for each
# --8<-- [end:build]
