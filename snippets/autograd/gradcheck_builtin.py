# --8<-- [start:gradcheck]
import torch
from torch.autograd import gradcheck, gradgradcheck


def f(x):
    return (torch.sin(x) * x**2).sum()


x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(gradcheck(f, (x,)))  # (1)!
#> True
print(gradgradcheck(f, (x,)))  # (2)!
#> True
# --8<-- [end:gradcheck]

# --8<-- [start:float32]
import textwrap
import warnings

x32 = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)  # float32
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ok = gradcheck(f, (x32,), raise_exception=False)
print(ok)
#> False
print(textwrap.fill(str(caught[0].message).split(".")[0], 72))
#> Input #0 requires gradient and is not a double precision floating point
#> or complex
# --8<-- [end:float32]
