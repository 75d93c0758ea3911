# --8<-- [start:flatten]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
# 4 fake gray 28x28 images: [B, C, H, W]
images = torch.rand(4, 1, 28, 28).to(device)

flatten = nn.Flatten()  # start_dim=1, end_dim=-1
print(flatten)
#> Flatten(start_dim=1, end_dim=-1)
print("nn.Flatten()    ", tuple(flatten(images).shape))
#> nn.Flatten()     (4, 784)
print("torch.flatten(x)", tuple(torch.flatten(images).shape))  # (1)!
#> torch.flatten(x) (3136,)
# --8<-- [end:flatten]

# --8<-- [start:feed]
torch.manual_seed(0)
first = nn.Linear(784, 512).to(device)
print(tuple(first(flatten(images)).shape))
#> (4, 512)
# --8<-- [end:feed]
