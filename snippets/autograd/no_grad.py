# --8<-- [start:context]
import torch

w = torch.tensor([1.0, -2.0], requires_grad=True)
x = torch.tensor([3.0, 4.0])

with torch.no_grad():
    y = (w * x).sum()
    print(torch.is_grad_enabled())
#> False
print(torch.is_grad_enabled())
#> True
print(y.requires_grad, y.grad_fn)  # (1)!
#> False None
# --8<-- [end:context]

# --8<-- [start:decorator]
@torch.no_grad()
def evaluate(w, x):
    return (w * x).sum()


score = evaluate(w, x)
print(score.item(), score.requires_grad)
#> -5.0 False
# --8<-- [end:decorator]

# --8<-- [start:sgd_step]
loss = ((w * x).sum() - 1.0) ** 2  # (w·x - 1)² = (-5 - 1)² = 36
loss.backward()
print(w.grad.tolist())
#> [-36.0, -48.0]

try:
    w -= 0.01 * w.grad  # (1)!
except RuntimeError as e:
    print(e)
#> a leaf Variable that requires grad is being used in an in-place operation.

with torch.no_grad():
    w -= 0.01 * w.grad  # (2)!
w.grad = None
print([round(v, 4) for v in w.tolist()], w.is_leaf, w.requires_grad)
#> [1.36, -1.52] True True
print(round((((w * x).sum() - 1.0) ** 2).item(), 4))
#> 9.0
# --8<-- [end:sgd_step]
