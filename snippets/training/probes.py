# --8<-- [start:probes]
import torch
from torch import nn

ACTIVATIONS = (nn.Sigmoid, nn.Tanh, nn.ReLU)


@torch.no_grad()
def activations(model, x):
    """The output of every activation layer of a Sequential, in order."""
    outputs, h = [], x
    for layer in model:
        h = layer(h)
        if isinstance(layer, ACTIVATIONS):
            outputs.append(h)
    return outputs


def spread(h):
    """How much a layer's units vary from one example to another."""
    return h.std(dim=0).mean().item()  # (1)!


def dead_units(model, x):
    """Per ReLU layer: a mask of the units that output 0 for every row of x."""
    return [(h > 0).sum(dim=0) == 0 for h in activations(model, x)]
# --8<-- [end:probes]
