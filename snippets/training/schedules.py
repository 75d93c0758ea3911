# --8<-- [start:record]
import math

import torch
from torch.optim import lr_scheduler


def record(make_schedule, steps=100, lr=0.1):
    """The learning rate (and momentum) of each step under a schedule."""
    p = torch.zeros(1, requires_grad=True)  # (1)!
    optimizer = torch.optim.SGD([p], lr=lr, momentum=0.9)
    schedule = make_schedule(optimizer)
    rates, momenta = [], []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        momenta.append(optimizer.param_groups[0]["momentum"])
        optimizer.step()  # the training step would be here
        schedule.step()  # then the schedule: once per step, after it
    return rates, momenta
# --8<-- [end:record]

# --8<-- [start:step_exp]
step_lr, _ = record(
    lambda o: lr_scheduler.StepLR(o, step_size=30, gamma=0.1))
exp_lr, _ = record(lambda o: lr_scheduler.ExponentialLR(o, gamma=0.96))
print("StepLR, steps 0 29 30 59 60 99:",
      " ".join(f"{step_lr[t]:.0e}" for t in (0, 29, 30, 59, 60, 99)))
#> StepLR, steps 0 29 30 59 60 99: 1e-01 1e-01 1e-02 1e-02 1e-03 1e-04
print("ExponentialLR, steps 0 25 50 99:",
      " ".join(f"{exp_lr[t]:.4f}" for t in (0, 25, 50, 99)))
#> ExponentialLR, steps 0 25 50 99: 0.1000 0.0360 0.0130 0.0018
closed = all(math.isclose(step_lr[t], 0.1 * 0.1 ** (t // 30))
             and math.isclose(exp_lr[t], 0.1 * 0.96**t) for t in range(100))
print("both equal their formula at every step:", closed)
#> both equal their formula at every step: True
# --8<-- [end:step_exp]

# --8<-- [start:one_cycle]
cycle_lr, cycle_momentum = record(
    lambda o: lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=100))


def one_cycle(t, top=0.1, total=100, pct=0.3, div=25, final_div=1e4):
    start, peak = top / div, pct * total - 1  # (1)!
    if t <= peak:  # half a cosine up, from top / div to top
        return top + (start - top) * (1 + math.cos(math.pi * t / peak)) / 2
    done = (t - peak) / (total - 1 - peak)  # then down, to start / final_div
    return start / final_div + (top - start / final_div) * (
        1 + math.cos(math.pi * done)) / 2


print("OneCycleLR = formula:",
      all(math.isclose(cycle_lr[t], one_cycle(t)) for t in range(100)))
#> OneCycleLR = formula: True
for t in (0, 15, 29, 60, 99):
    print(f"step {t:2}: lr {cycle_lr[t]:.2e}  "
          f"momentum {cycle_momentum[t]:.3f}")
#> step  0: lr 4.00e-03  momentum 0.950
#> step 15: lr 5.46e-02  momentum 0.897
#> step 29: lr 1.00e-01  momentum 0.850
#> step 60: lr 5.89e-02  momentum 0.891
#> step 99: lr 4.00e-07  momentum 0.950
# --8<-- [end:one_cycle]
