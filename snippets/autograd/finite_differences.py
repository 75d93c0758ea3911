# --8<-- [start:central]
import torch


def f(x):
    return (torch.sin(x) * x**2).sum()


def central_difference(f, x, h):
    """Estimate the gradient of a scalar f at x, one coordinate at a time."""
    grad = torch.zeros_like(x)
    for i in range(x.numel()):
        step = torch.zeros_like(x)
        step[i] = h
        grad[i] = (f(x + step) - f(x - step)) / (2 * h)  # (1)!
    return grad


x = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64, requires_grad=True)
f(x).backward()  # autograd: x.grad = sin(x)·2x + x²·cos(x)

numeric = central_difference(f, x.detach(), h=1e-4)
err = (numeric - x.grad).abs().max().item()
print([round(g, 6) for g in x.grad.tolist()])
#> [0.698821, 2.223244, 1.972602]
print([round(g, 6) for g in numeric.tolist()])
#> [0.698821, 2.223244, 1.972602]
print(f"max abs error {err:.1e}, below 1e-6: {err < 1e-6}")
#> max abs error 2.0e-08, below 1e-6: True
# --8<-- [end:central]
