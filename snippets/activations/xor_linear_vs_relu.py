# --8<-- [start:data]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
points = torch.rand(400, 2) * 2 - 1  # 400 points in the square [-1, 1]^2
labels = (points[:, 0] * points[:, 1] > 0).float()  # 1 where x, y share a sign
print(tuple(points.shape), round(labels.mean().item(), 4))
#> (400, 2) 0.5125
# --8<-- [end:data]


# --8<-- [start:models]
def make(activation):  # 2 -> 16 -> 16 -> 1: 337 parameters either way
    return nn.Sequential(
        nn.Linear(2, 16), activation(),
        nn.Linear(16, 16), activation(),
        nn.Linear(16, 1),
    )


models = {}
for activation in (nn.Identity, nn.ReLU):  # (1)!
    torch.manual_seed(1)  # same initial weights for both
    model = make(activation).to(device)
    x, y = points.to(device), labels.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    for step in range(300):  # same data, same budget: 300 full-batch steps
        loss = nn.functional.binary_cross_entropy_with_logits(
            model(x).squeeze(1), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    accuracy = ((model(x).squeeze(1) > 0).float() == y).float().mean()
    print(f"{activation.__name__:8} params "
          f"{sum(p.numel() for p in model.parameters())} "
          f"loss {loss.item():.2f} accuracy {accuracy.item():.2f}")
    models[activation.__name__] = model
#> Identity params 337 loss 0.69 accuracy 0.51
#> ReLU     params 337 loss 0.00 accuracy 1.00
# --8<-- [end:models]
