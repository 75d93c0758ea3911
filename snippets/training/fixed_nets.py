# --8<-- [start:setups]
import torch
from torch import nn

# the network, the batch and the measurement of the previous page:
from snippets.training.deep_mlp import deep_mlp, weight_grad_norms, x, y

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU
SETUPS = {  # every network: 20 Linear layers, built from the same seed
    "sigmoid": lambda: deep_mlp(nn.Sigmoid),
    "ReLU": lambda: deep_mlp(nn.ReLU),
    "ReLU + Kaiming init": lambda: init_(deep_mlp(nn.ReLU), "kaiming"),
    "tanh + Xavier init": lambda: init_(deep_mlp(nn.Tanh), "xavier"),
    "sigmoid + Xavier init": lambda: init_(deep_mlp(nn.Sigmoid), "xavier"),
    "sigmoid + LayerNorm": lambda: normed_mlp(nn.Sigmoid),
    "ReLU + LayerNorm": lambda: normed_mlp(nn.ReLU),
    "sigmoid + residual": lambda: residual_mlp(nn.Sigmoid),
    "ReLU + residual": lambda: residual_mlp(nn.ReLU),
    "ReLU × 4 (exploding)": lambda: scaled_(deep_mlp(nn.ReLU), 4.0),
}


def scaled_(model, factor):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Linear):
                m.weight.mul_(factor)
    return model


def measure(name, clip=None):
    torch.manual_seed(1)
    model = SETUPS[name]().to(device)
    norms = weight_grad_norms(model, x, y)
    if clip is None:
        return norms
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=clip)
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    return [layer.weight.grad.norm().item() for layer in linears]


def show(name):
    g = measure(name)
    print(f"{name:22} layer 1 {g[0]:.1e}  layer 20 {g[19]:.1e}  "
          f"ratio {g[0] / g[19]:.1e}")
# --8<-- [end:setups]


# --8<-- [start:init]
def init_(model, how):
    """Re-initialize every Linear: Kaiming (for ReLU) or Xavier (for tanh)."""
    for m in model.modules():
        if isinstance(m, nn.Linear):
            if how == "kaiming":
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            else:
                gain = nn.init.calculate_gain("tanh")  # 5/3
                nn.init.xavier_normal_(m.weight, gain=gain)
            nn.init.zeros_(m.bias)
    return model
# --8<-- [end:init]


# --8<-- [start:norm]
def normed_mlp(activation, depth=20, width=64, classes=10):
    """deep_mlp with a LayerNorm between each Linear and its activation."""
    layers = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.LayerNorm(width), activation()]
    return nn.Sequential(*layers, nn.Linear(width, classes))
# --8<-- [end:norm]


# --8<-- [start:residual]
class Residual(nn.Module):
    """h -> h + activation(linear(h)): the input skips past the layer."""

    def __init__(self, width, activation):
        super().__init__()
        self.linear = nn.Linear(width, width)
        self.activation = activation()

    def forward(self, h):
        return h + self.activation(self.linear(h))


def residual_mlp(activation, depth=20, width=64, classes=10):
    blocks = [Residual(width, activation) for _ in range(depth - 1)]
    return nn.Sequential(*blocks, nn.Linear(width, classes))
# --8<-- [end:residual]
