from snippets.training.fixed_nets import SETUPS, device, x, y

# --8<-- [start:step]
import torch
from torch import nn

lr, max_norm = 0.01, 1.0
optimizers = {
    "SGD": lambda p: torch.optim.SGD(p, lr=lr),
    "SGD, momentum 0.9": lambda p: torch.optim.SGD(p, lr=lr, momentum=0.9),
    "Adam": lambda p: torch.optim.Adam(p, lr=lr),
}
print("step norm / (lr * max_norm): the first, and the largest of 10")
#> step norm / (lr * max_norm): the first, and the largest of 10
for name, make in optimizers.items():
    torch.manual_seed(1)
    model = SETUPS["ReLU × 4 (exploding)"]().to(device)
    optimizer, steps = make(model.parameters()), []
    for _ in range(10):
        before = [p.detach().clone() for p in model.parameters()]
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=max_norm)
        optimizer.step()
        step = torch.cat([(p.detach() - b).flatten()
                          for p, b in zip(model.parameters(), before)])
        steps.append(step.norm().item() / (lr * max_norm))
    print(f"{name:17}  {steps[0]:6.1f}  {max(steps):6.1f}")
#> SGD                   1.0     1.0
#> SGD, momentum 0.9     1.0     4.1
#> Adam                240.6   240.6
# --8<-- [end:step]

# --8<-- [start:spike]
import torch
from torch import nn

lr = 0.01
print("one weight, gradient 1 at every step but a 1000x spike at step 1001:")
#> one weight, gradient 1 at every step but a 1000x spike at step 1001:
for clip in (False, True):
    w = torch.zeros(1, device=device, requires_grad=True)
    optimizer, steps = torch.optim.Adam([w], lr=lr), []
    for t in range(1, 1501):
        w.grad = torch.full((1,), 1000.0 if t == 1001 else 1.0, device=device)
        if clip:
            nn.utils.clip_grad_norm_([w], max_norm=1.0)
        previous = w.detach().clone()
        optimizer.step()
        steps.append((previous - w.detach()).abs().item() / lr)
    later = steps[1050:]  # steps 1051 to 1500
    print(f"clipped {clip!s:5}  step 1001: {steps[1000]:.2f} lr  "
          f"steps 1051-1500: {min(later):.2f} to {max(later):.2f} lr")
#> clipped False  step 1001: 2.54 lr  steps 1051-1500: 0.03 to 0.04 lr
#> clipped True   step 1001: 1.00 lr  steps 1051-1500: 1.00 to 1.00 lr
# --8<-- [end:spike]
