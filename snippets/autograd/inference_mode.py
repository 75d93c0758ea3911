# --8<-- [start:enter]
import textwrap

import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)

with torch.inference_mode():
    y = w * 2
    print(torch.is_inference_mode_enabled())
#> True
print(torch.is_inference_mode_enabled())
#> False
print(y.requires_grad, y.is_inference(), w.is_inference())
#> False True False
# --8<-- [end:enter]

# --8<-- [start:reenter]
attempts = {
    "w * y": lambda: w * y,  # (1)!
    "y.requires_grad_()": lambda: y.requires_grad_(),
}
for name, attempt in attempts.items():
    try:
        attempt()
    except RuntimeError as e:
        first = str(e).split(".")[0]
        print(name)
        print(textwrap.indent(textwrap.fill(first, 72), "  "))
#> w * y
#>   Inference tensors cannot be saved for backward
#> y.requires_grad_()
#>   Setting requires_grad=True on inference tensor outside InferenceMode is
#>   not allowed
# --8<-- [end:reenter]

# --8<-- [start:accepted]
(w + y).sum().backward()  # (1)!
print(w.grad.tolist())
#> [1.0, 1.0]

w.grad = None
y_normal = y.clone()  # (2)!
(w * y_normal).sum().backward()
print(y_normal.is_inference(), w.grad.tolist())
#> False [2.0, -4.0]
# --8<-- [end:accepted]

# --8<-- [start:inplace]
print(y.tolist())
#> [2.0, -4.0]
try:
    y.add_(1)  # (1)!
except RuntimeError as e:
    print(str(e).split(".")[0])
#> Inplace update to inference tensor outside InferenceMode is not allowed
print(y.tolist())
#> [3.0, -3.0]

with torch.inference_mode():
    y.add_(1)  # inside the mode: allowed
print(y.tolist())
#> [4.0, -2.0]
# --8<-- [end:inplace]
