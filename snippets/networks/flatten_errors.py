# --8<-- [start:errors]
import torch
from torch import nn

torch.manual_seed(0)
images = torch.rand(4, 1, 28, 28)
first = nn.Linear(784, 512)

tries = [
    ("torch.flatten(x)", torch.flatten(images)),
    ("not flattened", images),
]
for name, bad in tries:
    try:
        first(bad)
    except RuntimeError as e:
        print(f"{name}, shape {tuple(bad.shape)}:")
        print("   ", str(e).splitlines()[0])
#> torch.flatten(x), shape (3136,):
#>     mat1 and mat2 shapes cannot be multiplied (1x3136 and 784x512)
#> not flattened, shape (4, 1, 28, 28):
#>     mat1 and mat2 shapes cannot be multiplied (112x28 and 784x512)
# --8<-- [end:errors]

# --8<-- [start:silent]
one_image = images[:1]  # a batch of one: [1, 1, 28, 28]
# runs, but the batch axis is gone
print(tuple(first(torch.flatten(one_image)).shape))
#> (512,)
print(tuple(first(nn.Flatten()(one_image)).shape))
#> (1, 512)
# --8<-- [end:silent]
