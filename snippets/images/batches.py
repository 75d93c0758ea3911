# --8<-- [start:loader]
import torch
from torch.utils.data import DataLoader
from torchvision import datasets
from torchvision.transforms import ToTensor

training_data = datasets.FashionMNIST(
    root="data", train=True, download=True, transform=ToTensor()
)
loader = DataLoader(
    training_data,
    batch_size=64,
    shuffle=True,  # a new order every epoch
    generator=torch.Generator().manual_seed(0),  # (1)!
    num_workers=0,  # (2)!
)
print(len(loader), 60_000 - 64 * (len(loader) - 1))
#> 938 32
x, y = next(iter(loader))
print(tuple(x.shape), x.dtype, tuple(y.shape), y.dtype)
#> (64, 1, 28, 28) torch.float32 (64,) torch.int64
print(y[:12].tolist())
#> [0, 7, 3, 6, 2, 1, 9, 4, 4, 4, 2, 8]
# --8<-- [end:loader]

# --8<-- [start:epochs]
first_epoch = next(iter(loader))[1][:12].tolist()
second_epoch = next(iter(loader))[1][:12].tolist()
print(first_epoch)
#> [4, 4, 9, 1, 3, 9, 7, 0, 2, 6, 4, 3]
print(second_epoch)
#> [6, 0, 1, 6, 7, 0, 0, 8, 0, 3, 9, 7]

again = DataLoader(training_data, batch_size=64, shuffle=True,
                   generator=torch.Generator().manual_seed(0))
print(next(iter(again))[1][:12].tolist() == y[:12].tolist())
#> True
# --8<-- [end:epochs]
