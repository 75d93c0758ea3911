# --8<-- [start:stats]
import torch
from torchvision import datasets

training_data = datasets.FashionMNIST(root="data", train=True, download=True)
counts = torch.bincount(training_data.data.flatten(), minlength=256)  # (1)!
values = torch.arange(256, dtype=torch.float64) / 255  # what ToTensor makes
n = counts.sum().item()
mean = (counts * values).sum().item() / n
std = ((counts * (values - mean) ** 2).sum().item() / (n - 1)) ** 0.5
print(f"{n:,} pixels  mean {mean:.4f}  std {std:.4f}")
#> 47,040,000 pixels  mean 0.2860  std 0.3530
# --8<-- [end:stats]

# --8<-- [start:normalize]
from torch.utils.data import DataLoader
from torchvision.transforms import Compose, Normalize, ToTensor

transform = Compose([ToTensor(), Normalize((0.2860,), (0.3530,))])  # (1)!
normalized = datasets.FashionMNIST(
    root="data", train=True, download=True, transform=transform
)
x, label = normalized[0]
print(tuple(x.shape), round(x.min().item(), 4), round(x.max().item(), 4))
#> (1, 28, 28) -0.8102 2.0227

loader = DataLoader(normalized, batch_size=1000, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
batch, _ = next(iter(loader))
print(f"a batch of 1000: mean {batch.mean().item():+.3f}"
      f"  std {batch.std().item():.3f}")
#> a batch of 1000: mean -0.003  std 0.993
# --8<-- [end:normalize]
