# --8<-- [start:data]
import math

import torch


def two_spirals(n_per_class, noise=0.5, seed=0):
    """Two interleaved spirals: x is [2n, 2], y is [2n] (class 0 or 1)."""
    g = torch.Generator().manual_seed(seed)
    t = torch.rand(n_per_class, generator=g) * 3 * math.pi + 0.5  # angle
    arm = torch.stack([t * torch.cos(t), t * torch.sin(t)], dim=1)
    x = torch.cat([arm, -arm])  # the second spiral is the first, rotated 180°
    x = x + noise * torch.randn(x.shape, generator=g)
    y = torch.cat([torch.zeros(n_per_class), torch.ones(n_per_class)]).long()
    return x / 5, y  # coordinates scaled to about [-2, 2]


x_train, y_train = two_spirals(300, seed=0)
x_test, y_test = two_spirals(300, seed=1)  # held out: never trained on
# --8<-- [end:data]
