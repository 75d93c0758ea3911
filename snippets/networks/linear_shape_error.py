# --8<-- [start:wrong-in]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(3, 2)
x = torch.rand(4, 5)  # 5 features, but the layer expects 3

try:
    layer(x)
except RuntimeError as e:
    print(str(e).splitlines()[0])
#> mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)
# --8<-- [end:wrong-in]
