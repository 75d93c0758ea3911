# --8<-- [start:sample]
from torchvision import datasets
from torchvision.transforms import ToTensor

training_data = datasets.FashionMNIST(root="data", train=True, download=True)
image, label = training_data[0]
print(type(image).__name__, image.mode, image.size, label)
print(training_data.classes[label])
# --8<-- [end:sample]

# --8<-- [start:to_tensor]
import torch

x = ToTensor()(image)  # (1)!
print(tuple(x.shape), x.dtype, x.min().item(), x.max().item())
print(torch.equal((x[0] * 255).round().byte(), training_data.data[0]))
# --8<-- [end:to_tensor]

# --8<-- [start:classes]
counts = torch.bincount(training_data.targets, minlength=10)
for index, name in enumerate(training_data.classes):
    print(index, f"{name:12}", counts[index].item())
# --8<-- [end:classes]
