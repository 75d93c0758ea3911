# --8<-- [start:errors]
import torch
from torch import nn

torch.manual_seed(0)
images = torch.rand(4, 1, 28, 28)
first = nn.Linear(784, 512)

for name, bad in [("torch.flatten(x)", torch.flatten(images)), ("not flattened", images)]:
    try:
        first(bad)
    except RuntimeError as e:
        print(f"{name:16} {tuple(bad.shape)}: {str(e).splitlines()[0]}")
#> torch.flatten(x) (3136,): mat1 and mat2 shapes cannot be multiplied (1x3136 and 784x512)
#> not flattened    (4, 1, 28, 28): mat1 and mat2 shapes cannot be multiplied (112x28 and 784x512)
# --8<-- [end:errors]

# --8<-- [start:silent]
one_image = images[:1]  # a batch of one: [1, 1, 28, 28]
print(tuple(first(torch.flatten(one_image)).shape))  # runs, but the batch axis is gone
#> (512,)
print(tuple(first(nn.Flatten()(one_image)).shape))
#> (1, 512)
# --8<-- [end:silent]
