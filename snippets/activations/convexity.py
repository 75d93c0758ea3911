# --8<-- [start:convex]
import torch
import torch.nn.functional as F


def loss(z):  # cross-entropy for true class 1, on one logit z
    return F.softplus(-z)  # = -log sigmoid(z)


def curvature(f, t, h=0.1):  # second difference of f at t: > 0 if convex
    return ((f(t + h) - 2 * f(t) + f(t - h)) / h**2).item()


t = torch.tensor(0.0, dtype=torch.float64)
linear = curvature(lambda w: loss(2.0 * w), t)  # z = w x: linear in w
product = curvature(lambda a: loss(a * a), t)  # z = a b with a = b
print(f"z = w·x, loss along w:       curvature {linear:+.3f}")
#> z = w·x, loss along w:       curvature +0.998
print(f"z = a·b, loss along a = b:   curvature {product:+.3f}")
#> z = a·b, loss along a = b:   curvature -0.998
# --8<-- [end:convex]
