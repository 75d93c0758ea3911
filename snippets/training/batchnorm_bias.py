# --8<-- [start:bias]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)
x = torch.randn(64, 2).to(device)  # a batch for the spirals' first layer
with_bias = nn.Sequential(nn.Linear(2, 64), nn.BatchNorm1d(64)).to(device)
no_bias = nn.Sequential(nn.Linear(2, 64, bias=False),
                        nn.BatchNorm1d(64)).to(device)
with torch.no_grad():
    no_bias[0].weight.copy_(with_bias[0].weight)  # the same weights
    with_bias[0].bias.uniform_(-5, 5)  # a large bias, to make the point

out = with_bias(x)
print("same output without the bias:",
      torch.allclose(out, no_bias(x), atol=1e-5))
#> same output without the bias: True
target = torch.randn(64, 64).to(device)
nn.functional.mse_loss(out, target).backward()  # any loss will do
bias_grad = with_bias[0].bias.grad.abs().max().item()
weight_grad = with_bias[0].weight.grad.abs().max().item()
print(f"largest |gradient|: weight {weight_grad:.2f}, "
      f"bias below 1e-5: {bias_grad < 1e-5}")  # (1)!
#> largest |gradient|: weight 0.06, bias below 1e-5: True
print("parameters:", sum(p.numel() for p in with_bias.parameters()),
      "->", sum(p.numel() for p in no_bias.parameters()))
#> parameters: 320 -> 256
# --8<-- [end:bias]
