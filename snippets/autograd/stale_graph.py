# --8<-- [start:stale]
import torch

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")

w = torch.tensor(0.5, device=device, requires_grad=True)
h = torch.tensor(1.0, device=device)  # a state carried from step to step
for step in range(2):
    h = h * w  # step 1 builds on the graph of step 0
    try:
        (h**2).backward()
        print(f"step {step}: ok, w.grad = {w.grad.item()}")
    except RuntimeError as e:
        print(f"step {step}: {str(e).split(' (')[0]}")
#> step 0: ok, w.grad = 1.0
#> step 1: Trying to backward through the graph a second time
# --8<-- [end:stale]

# --8<-- [start:detach]
w.grad = None
h = torch.tensor(1.0, device=device)
for step in range(2):
    h = h.detach() * w  # cut the history: each step's graph starts here
    w.grad = None
    (h**2).backward()
    print(f"step {step}: ok, w.grad = {w.grad.item()}")
#> step 0: ok, w.grad = 1.0
#> step 1: ok, w.grad = 0.25
# --8<-- [end:detach]
