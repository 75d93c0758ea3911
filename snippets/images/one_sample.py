# --8<-- [start:sample]
from torchvision import datasets
from torchvision.transforms import ToTensor

training_data = datasets.FashionMNIST(root="data", train=True, download=True)
image, label = training_data[0]
print(type(image).__name__, image.mode, image.size, label)
#> Image L (28, 28) 9
print(training_data.classes[label])
#> Ankle boot
# --8<-- [end:sample]

# --8<-- [start:to_tensor]
import torch

x = ToTensor()(image)  # (1)!
print(tuple(x.shape), x.dtype, x.min().item(), x.max().item())
#> (1, 28, 28) torch.float32 0.0 1.0
print(torch.equal((x[0] * 255).round().byte(), training_data.data[0]))
#> True
# --8<-- [end:to_tensor]

# --8<-- [start:classes]
counts = torch.bincount(training_data.targets, minlength=10)
for index, name in enumerate(training_data.classes):
    print(index, f"{name:12}", counts[index].item())
#> 0 T-shirt/top  6000
#> 1 Trouser      6000
#> 2 Pullover     6000
#> 3 Dress        6000
#> 4 Coat         6000
#> 5 Sandal       6000
#> 6 Shirt        6000
#> 7 Sneaker      6000
#> 8 Bag          6000
#> 9 Ankle boot   6000
# --8<-- [end:classes]
