# --8<-- [start:define]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
sequential = nn.Sequential(
    nn.Flatten(),  # [B, 1, 28, 28] -> [B, 784]
    nn.Linear(784, 512),
    nn.ReLU(),
    nn.Linear(512, 512),
    nn.ReLU(),
    nn.Linear(512, 10),  # logits: no activation after the last layer
).to(device)
batch = torch.rand(4, 1, 28, 28).to(device)  # a batch of 4 fake gray images

scores = sequential(batch)
print(tuple(scores.shape), [round(v, 3) for v in scores[0, :3].tolist()])
#> (4, 10) [0.135, 0.156, 0.077]
print(" ".join(sequential.state_dict()))
#> 1.weight 1.bias 3.weight 3.bias 5.weight 5.bias
# --8<-- [end:define]

# --8<-- [start:count]
total = 0
for name, layer in sequential.named_children():
    if isinstance(layer, nn.Linear):
        n_params = sum(p.numel() for p in layer.parameters())
        formula = layer.in_features * layer.out_features + layer.out_features
        assert n_params == formula
        total += n_params
        n_in, n_out = layer.in_features, layer.out_features
        print(f"layer {name}: {n_in}*{n_out} + {n_out} = {n_params:,}")
#> layer 1: 784*512 + 512 = 401,920
#> layer 3: 512*512 + 512 = 262,656
#> layer 5: 512*10 + 10 = 5,130
print(f"total: {total:,}")
#> total: 669,706
assert total == sum(p.numel() for p in sequential.parameters()) == 669_706
# --8<-- [end:count]
