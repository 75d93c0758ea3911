# --8<-- [start:download]
from torchvision import datasets

training_data = datasets.FashionMNIST(root="data", train=True, download=True)
test_data = datasets.FashionMNIST(root="data", train=False, download=True)
print(len(training_data), len(test_data))
#> 60000 10000
# --8<-- [end:download]

# --8<-- [start:header]
import os
import struct

folder = training_data.raw_folder  # data/FashionMNIST/raw
for name in sorted(os.listdir(folder)):
    if not name.endswith(".gz"):  # (1)!
        print(f"{name:24} {os.path.getsize(os.path.join(folder, name)):>9,}")

with open(os.path.join(folder, "train-images-idx3-ubyte"), "rb") as f:
    magic, count, rows, cols = struct.unpack(">4I", f.read(16))  # (2)!
    pixels = f.read()
print(hex(magic), count, rows, cols, len(pixels) == count * rows * cols)
# --8<-- [end:header]

# --8<-- [start:same]
import torch

images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8)
images = images.view(count, rows, cols)
print(training_data.data.dtype, tuple(training_data.data.shape))
print(torch.equal(images, training_data.data))
# --8<-- [end:same]
