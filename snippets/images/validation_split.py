# --8<-- [start:split]
import torch
from torch.utils.data import random_split
from torchvision import datasets
from torchvision.transforms import ToTensor

training_data = datasets.FashionMNIST(
    root="data", train=True, download=True, transform=ToTensor()
)
train_set, val_set = random_split(
    training_data, [55_000, 5_000],
    generator=torch.Generator().manual_seed(0),  # (1)!
)
print(len(train_set), len(val_set))
#> 55000 5000
print(set(train_set.indices).isdisjoint(val_set.indices))
#> True
per_class = torch.bincount(training_data.targets[val_set.indices])
print(per_class.tolist())
#> [467, 495, 507, 543, 480, 508, 524, 498, 476, 502]
# --8<-- [end:split]
