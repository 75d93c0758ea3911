# --8<-- [start:train]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)
z = (3 + 2 * torch.randn(32, 4)).to(device)  # a batch: 32 examples, 4 units
bn = nn.BatchNorm1d(4).to(device)  # gamma = 1, beta = 0 at the start
with torch.no_grad():
    bn.weight.uniform_(0.5, 1.5)  # (1)!
    bn.bias.uniform_(-1, 1)


def batchnorm(z, gamma, beta, eps=1e-5):
    mean = z.mean(dim=0)  # per unit, over the batch
    var = z.var(dim=0, correction=0)  # (2)!
    return gamma * (z - mean) / torch.sqrt(var + eps) + beta


bn.train()
out = bn(z)
mine = batchnorm(z, bn.weight, bn.bias)
print("train mode, by hand = nn.BatchNorm1d:",
      torch.allclose(mine, out, atol=1e-5))
#> train mode, by hand = nn.BatchNorm1d: True
# --8<-- [end:train]

# --8<-- [start:running]
n, m = z.shape[0], bn.momentum  # momentum = 0.1 by default
mean, var = z.mean(dim=0), z.var(dim=0)  # var: unbiased, divides by n - 1
print("running_mean = 0.9 * 0 + 0.1 * mean:",
      torch.allclose(bn.running_mean, (1 - m) * 0 + m * mean, atol=1e-6))
#> running_mean = 0.9 * 0 + 0.1 * mean: True
print("running_var = 0.9 * 1 + 0.1 * var, unbiased:",
      torch.allclose(bn.running_var, (1 - m) * 1 + m * var, atol=1e-6))
#> running_var = 0.9 * 1 + 0.1 * var, unbiased: True
biased = z.var(dim=0, correction=0)
print("... with the biased variance instead:",
      torch.allclose(bn.running_var, (1 - m) * 1 + m * biased, atol=1e-6))
#> ... with the biased variance instead: False
print("batches seen:", bn.num_batches_tracked.item())
#> batches seen: 1
# --8<-- [end:running]

# --8<-- [start:eval]
bn.eval()
out = bn(z)  # the same batch, now normalized with the running estimates
mine = (bn.weight * (z - bn.running_mean)
        / torch.sqrt(bn.running_var + bn.eps) + bn.bias)
print("eval mode, by hand = nn.BatchNorm1d:",
      torch.allclose(mine, out, atol=1e-5))
#> eval mode, by hand = nn.BatchNorm1d: True
print("one example alone, eval:",
      torch.allclose(bn(z[:1]), out[:1], atol=1e-6))
#> one example alone, eval: True
# --8<-- [end:eval]

# --8<-- [start:warming]
def stream(batches, n=32):
    """Batches of n examples, 4 units, every unit mean 3 and variance 4."""
    g = torch.Generator().manual_seed(1)
    return [(3 + 2 * torch.randn(n, 4, generator=g)).to(device)
            for _ in range(batches)]


for momentum in (0.1, None):  # (1)!
    fresh = nn.BatchNorm1d(4, momentum=momentum).to(device)
    for k, batch in enumerate(stream(100), start=1):
        fresh(batch)
        if k in (1, 5, 20, 100):
            print(f"momentum {momentum}, {k:3} batches seen: running mean "
                  f"{fresh.running_mean.mean().item():.2f}, running var "
                  f"{fresh.running_var.mean().item():.2f}")
#> momentum 0.1,   1 batches seen: running mean 0.29, running var 1.30
#> momentum 0.1,   5 batches seen: running mean 1.23, running var 2.28
#> momentum 0.1,  20 batches seen: running mean 2.67, running var 3.85
#> momentum 0.1, 100 batches seen: running mean 2.98, running var 4.06
#> momentum None,   1 batches seen: running mean 2.87, running var 3.98
#> momentum None,   5 batches seen: running mean 3.01, running var 4.15
#> momentum None,  20 batches seen: running mean 3.04, running var 4.24
#> momentum None, 100 batches seen: running mean 2.99, running var 4.05
# --8<-- [end:warming]
