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
#> t10k-images-idx3-ubyte   7,840,016
#> t10k-labels-idx1-ubyte      10,008
#> train-images-idx3-ubyte  47,040,016
#> train-labels-idx1-ubyte     60,008

with open(os.path.join(folder, "train-images-idx3-ubyte"), "rb") as f:
    magic, count, rows, cols = struct.unpack(">4I", f.read(16))  # (2)!
    pixels = f.read()
print(hex(magic), count, rows, cols, len(pixels) == count * rows * cols)
#> 0x803 60000 28 28 True
# --8<-- [end:header]

# --8<-- [start:same]
import torch

images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8)
images = images.view(count, rows, cols)
print(training_data.data.dtype, tuple(training_data.data.shape))
#> torch.uint8 (60000, 28, 28)
print(torch.equal(images, training_data.data))
#> True
# --8<-- [end:same]
