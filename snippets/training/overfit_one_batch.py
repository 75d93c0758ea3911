# --8<-- [start:tiny]
import torch

from snippets.training.fit import accuracy, fit, spiral_model, x_train, y_train

few = torch.randperm(600, generator=torch.Generator().manual_seed(0))[:10]
x10, y10 = x_train[few], y_train[few]  # one tiny batch: 10 points
for probabilities in (False, True):  # the loop right, then with a bug
    model = spiral_model()
    losses = fit(model, x10, y10, steps=200, probabilities=probabilities)
    print(f"softmax bug {probabilities!s:5}: loss {losses[0]:.2f} -> "
          f"{losses[-1]:.2f}, below 0.001: {losses[-1] < 0.001!s:5}, "
          f"correct {accuracy(model, x10, y10) * 10:.0f}/10")
#> softmax bug False: loss 0.71 -> 0.00, below 0.001: True , correct 10/10
#> softmax bug True : loss 0.70 -> 0.41, below 0.001: False, correct 9/10
# --8<-- [end:tiny]

# --8<-- [start:deep]
from torch import nn

from snippets.training.deep_mlp import x, y
from snippets.training.fixed_nets import SETUPS, device

x16, y16 = x[:16], y[:16]  # 16 random inputs with random labels
share = torch.bincount(y16) / 16
share = share[share > 0]  # the classes present, and their share of the 16
print(f"entropy of the 16 labels: {-(share * share.log()).sum():.2f}")
#> entropy of the 16 labels: 2.05
for name in ["sigmoid", "ReLU + Kaiming init"]:
    torch.manual_seed(1)
    model = SETUPS[name]().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(100):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x16), y16)
        loss.backward()
        optimizer.step()
    print(f"{name:19} loss after 100 steps: {loss.item():.2f}")
#> sigmoid             loss after 100 steps: 2.05
#> ReLU + Kaiming init loss after 100 steps: 0.00
# --8<-- [end:deep]
