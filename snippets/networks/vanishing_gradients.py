# --8<-- [start:stack]
import torch


def gradient_through(activation, depth=10, at=0.5):
    """d/dx of activation(...activation(x)), `depth` times, at x = `at`."""
    x = torch.tensor(at, requires_grad=True)
    h = x
    for _ in range(depth):
        h = activation(h)
    h.backward()
    return x.grad.item()


print(f"10 sigmoids: {gradient_through(torch.sigmoid):.3e}")
#> 10 sigmoids: 3.483e-07
print(f"bound 0.25**10: {0.25**10:.3e}")
#> bound 0.25**10: 9.537e-07
print(f"10 ReLUs: {gradient_through(torch.relu):.3e}")
#> 10 ReLUs: 1.000e+00
# --8<-- [end:stack]

# --8<-- [start:depth]
for depth in (1, 2, 5, 10, 20):
    grad = gradient_through(torch.sigmoid, depth)
    print(f"depth {depth:2d}: sigmoid {grad:.3e}")
#> depth  1: sigmoid 2.350e-01
#> depth  2: sigmoid 5.341e-02
#> depth  5: sigmoid 6.080e-04
#> depth 10: sigmoid 3.483e-07
#> depth 20: sigmoid 1.143e-13
# --8<-- [end:depth]
