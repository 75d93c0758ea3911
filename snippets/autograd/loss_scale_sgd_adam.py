# --8<-- [start:scale]
import torch
from torch import nn

accelerator = torch.accelerator.current_accelerator(check_available=True)
device = accelerator or torch.device("cpu")


def first_step(optimizer_class, loss_scale):
    """How far one optimizer step moves the weight, for a scaled loss."""
    torch.manual_seed(0)
    model = nn.Linear(3, 1).to(device)
    inputs = torch.randn(8, 3).to(device)
    targets = torch.randn(8, 1).to(device)
    optimizer = optimizer_class(model.parameters(), lr=0.01)
    before = model.weight.detach().clone()
    loss = nn.functional.mse_loss(model(inputs), targets)
    (loss_scale * loss).backward()
    optimizer.step()
    return model.weight.detach() - before


def rounded(t):
    return [round(v, 4) for v in t.view(-1).tolist()]


for optimizer_class in (torch.optim.SGD, torch.optim.Adam):
    name = optimizer_class.__name__
    step, step_4x = (first_step(optimizer_class, s) for s in (1.0, 4.0))
    print(f"{name:4} loss x1, step {rounded(step)}")
    print(f"{name:4} loss x4, step {rounded(step_4x)}")
    print(f"{name:4} ratio of the steps: {step_4x.norm() / step.norm():.4f}")
#> SGD  loss x1, step [-0.0026, -0.0079, 0.0026]
#> SGD  loss x4, step [-0.0104, -0.0317, 0.0102]
#> SGD  ratio of the steps: 4.0000
#> Adam loss x1, step [-0.01, -0.01, 0.01]
#> Adam loss x4, step [-0.01, -0.01, 0.01]
#> Adam ratio of the steps: 1.0000
# --8<-- [end:scale]
