# --8<-- [start:enter]
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
for attempt in (lambda: w * y, lambda: y.requires_grad_()):  # (1)!
    try:
        attempt()
    except RuntimeError as e:
        print(str(e).split(".")[0])
#> Inference tensors cannot be saved for backward
#> Setting requires_grad=True on inference tensor outside InferenceMode is not allowed

y_normal = y.clone()  # (2)!
(w * y_normal).sum().backward()
print(y_normal.is_inference(), w.grad.tolist())
#> False [2.0, -4.0]
# --8<-- [end:reenter]
