# --8<-- [start:hooks]
from collections import OrderedDict

import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
layers = OrderedDict(  # (1)!
    flatten=nn.Flatten(), fc1=nn.Linear(784, 512), relu1=nn.ReLU(),
    fc2=nn.Linear(512, 512), relu2=nn.ReLU(), output=nn.Linear(512, 10),
)
model = nn.Sequential(layers).to(device)
images = torch.rand(4, 1, 28, 28).to(device)

# one row per layer, appended by the hooks as the forward pass reaches it
rows = []


def record(name):
    def hook(module, inputs, output):  # (2)!
        zeros = (output == 0).float().mean().item()
        kind, shape = type(module).__name__, tuple(output.shape)
        rows.append(f"| {name} | {kind} | {shape} | {zeros:.2f} |")

    return hook


handles = [
    layer.register_forward_hook(record(name))
    for name, layer in model.named_children()
]
logits = model(images)
for handle in handles:
    handle.remove()  # (3)!
# --8<-- [end:hooks]

# --8<-- [start:table]
header = "| layer | module | output shape | fraction of zeros |"
print(header, "| --- | --- | --- | --- |", sep="\n")
#> | layer | module | output shape | fraction of zeros |
#> | --- | --- | --- | --- |
print(f"| input | | {tuple(images.shape)} | |")
#> | input | | (4, 1, 28, 28) | |
print("\n".join(rows))
#> | flatten | Flatten | (4, 784) | 0.00 |
#> | fc1 | Linear | (4, 512) | 0.00 |
#> | relu1 | ReLU | (4, 512) | 0.47 |
#> | fc2 | Linear | (4, 512) | 0.00 |
#> | relu2 | ReLU | (4, 512) | 0.50 |
#> | output | Linear | (4, 10) | 0.00 |
# --8<-- [end:table]
