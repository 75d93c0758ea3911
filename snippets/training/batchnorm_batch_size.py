# --8<-- [start:one]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)
z = (3 + 2 * torch.randn(32, 4)).to(device)  # the batch at the top of the page
bn = nn.BatchNorm1d(4).to(device)
bn.train()
try:
    bn(z[:1])  # one example: its variance over the batch is 0
except ValueError as error:
    print("train mode, batch of 1:", error)
#> train mode, batch of 1: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])
bn.eval()
print("eval mode, batch of 1:", tuple(bn(z[:1]).shape))
#> eval mode, batch of 1: (1, 4)
# --8<-- [end:one]

# --8<-- [start:two]
bn.train()
with torch.no_grad():
    two = bn(z[:2])  # gamma = 1, beta = 0: just the normalized values
print(two.cpu().round(decimals=2))  # (1)!
#> tensor([[-1., -1.,  1.,  1.],
#>         [ 1.,  1., -1., -1.]])
# --8<-- [end:two]

# --8<-- [start:noise]
g = torch.Generator().manual_seed(0)
x0 = 1.0  # one example's pre-activation, one standard deviation up
spread = {}  # batch size -> how much x0's normalized value varies
for b in (2, 4, 8, 16, 32, 64, 128, 256):
    others = torch.randn(2000, b - 1, generator=g)  # (1)!
    batches = torch.cat([torch.full((2000, 1), x0), others], dim=1)
    mean, var = batches.mean(dim=1), batches.var(dim=1, correction=0)
    normalized = (x0 - mean) / torch.sqrt(var + 1e-5)  # x0, normalized
    spread[b] = normalized.std().item()
    predicted = ((1 + x0**2 / 2) / b) ** 0.5  # (2)!
    print(f"batch {b:3}: x0 becomes {normalized.mean().item():.2f} "
          f"± {spread[b]:.2f}   (large-batch formula "
          f"± {predicted:.2f})")
#> batch   2: x0 becomes 0.67 ± 0.74   (large-batch formula ± 0.87)
#> batch   4: x0 becomes 0.96 ± 0.49   (large-batch formula ± 0.61)
#> batch   8: x0 becomes 1.02 ± 0.41   (large-batch formula ± 0.43)
#> batch  16: x0 becomes 1.02 ± 0.30   (large-batch formula ± 0.31)
#> batch  32: x0 becomes 1.00 ± 0.22   (large-batch formula ± 0.22)
#> batch  64: x0 becomes 1.01 ± 0.15   (large-batch formula ± 0.15)
#> batch 128: x0 becomes 1.00 ± 0.11   (large-batch formula ± 0.11)
#> batch 256: x0 becomes 1.00 ± 0.08   (large-batch formula ± 0.08)
# --8<-- [end:noise]
