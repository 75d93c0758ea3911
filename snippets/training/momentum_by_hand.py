# --8<-- [start:by_hand]
import copy

import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)  # the model and batch of the training-loop page
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).to(device)
inputs = torch.randn(16, 4).to(device)
labels = torch.randint(0, 3, (16,)).to(device)
loss_fn = nn.CrossEntropyLoss()


def sgd_by_hand(model, lr, momentum, dampening, nesterov, damp_first=False):
    buffers = [None for _ in model.parameters()]
    for _ in range(20):
        model.zero_grad()
        loss_fn(model(inputs), labels).backward()
        with torch.no_grad():
            for i, p in enumerate(model.parameters()):
                g = p.grad
                if buffers[i] is None:
                    buffers[i] = g.clone()  # (1)!
                    if damp_first:
                        buffers[i] *= 1 - dampening
                else:
                    buffers[i] = momentum * buffers[i] + (1 - dampening) * g
                step = g + momentum * buffers[i] if nesterov else buffers[i]
                p -= lr * step


for momentum, dampening, nesterov in [(0.9, 0, False), (0.9, 0, True),
                                      (0.9, 0.5, False)]:
    mine, theirs = copy.deepcopy(model), copy.deepcopy(model)
    sgd_by_hand(mine, 0.1, momentum, dampening, nesterov)
    optimizer = torch.optim.SGD(theirs.parameters(), lr=0.1,
                                momentum=momentum, dampening=dampening,
                                nesterov=nesterov)
    for _ in range(20):
        optimizer.zero_grad()
        loss_fn(theirs(inputs), labels).backward()
        optimizer.step()
    same = all(torch.allclose(a, b, atol=1e-6)
               for a, b in zip(mine.parameters(), theirs.parameters()))
    print(f"momentum {momentum}, dampening {dampening}, nesterov "
          f"{nesterov!s:5}: by hand = torch.optim.SGD: {same}")
#> momentum 0.9, dampening 0, nesterov False: by hand = torch.optim.SGD: True
#> momentum 0.9, dampening 0, nesterov True : by hand = torch.optim.SGD: True
#> momentum 0.9, dampening 0.5, nesterov False: by hand = torch.optim.SGD: True
mine = copy.deepcopy(model)  # the last run again, first step dampened too
sgd_by_hand(mine, 0.1, 0.9, 0.5, False, damp_first=True)
same = all(torch.allclose(a, b, atol=1e-6)
           for a, b in zip(mine.parameters(), theirs.parameters()))
print("first step dampened too: by hand = torch.optim.SGD:", same)
#> first step dampened too: by hand = torch.optim.SGD: False
# --8<-- [end:by_hand]

# --8<-- [start:sutskever]
def run(form, lrs, mu=0.9, theta=1.0):
    """f(theta) = theta**2 / 2, so the gradient is theta. Returns the steps."""
    buf, steps = 0.0, []
    for lr in lrs:
        g = theta
        if form == "pytorch":  # b <- mu b + g,  theta <- theta - lr b
            buf = mu * buf + g
            step = -lr * buf
        else:  # Sutskever et al.: v <- mu v - lr g,  theta <- theta + v
            buf = mu * buf - lr * g
            step = buf
        theta += step
        steps.append(step)
    return steps


lrs = [0.1] * 10 + [0.01] * 3  # the rate drops 10 times after 10 steps
for form in ("pytorch", "sutskever"):
    steps = run(form, lrs)
    print(f"{form:9}  step 10: {steps[9]:+.4f}  steps 11-13: "
          + "  ".join(f"{s:+.4f}" for s in steps[10:]))
#> pytorch    step 10: +0.0149  steps 11-13: +0.0072  +0.0123  +0.0168
#> sutskever  step 10: +0.0149  steps 11-13: +0.0193  +0.0231  +0.0262
# --8<-- [end:sutskever]
