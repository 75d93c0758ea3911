# the class the page defines in its first block
from snippets.networks.notes_net import Net

# --8<-- [start:call]
import torch

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
net = Net().to(device)  # build on the CPU after seeding, then move

input_layer = torch.rand(10).to(device)  # one sample, no batch axis
result = net(input_layer)
print(tuple(input_layer.shape), "->", tuple(result.shape))
#> (10,) -> (4,)

batch = torch.rand(3, 10).to(device)  # three samples: [batch, in_features]
print(tuple(batch.shape), "->", tuple(net(batch).shape))
#> (3, 10) -> (3, 4)
# --8<-- [end:call]
