# --8<-- [start:no-bias]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
with_bias = nn.Linear(10, 20).to(device)
no_bias = nn.Linear(10, 20, bias=False).to(device)

print(no_bias.bias is None)
#> True
print([name for name, _ in no_bias.named_parameters()])
#> ['weight']
def count(layer):
    return sum(p.numel() for p in layer.parameters())


print(count(with_bias), count(no_bias))
#> 220 200

zeros = torch.zeros(1, 10).to(device)
biased = with_bias(zeros).abs().max().item()
print(no_bias(zeros).abs().max().item(), biased > 0)  # (1)!
#> 0.0 True
# --8<-- [end:no-bias]
