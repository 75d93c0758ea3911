# --8<-- [start:inside]
import torch
from torch import nn
from torch.utils.data import DataLoader

from snippets.images.fashion import NeuralNetwork, device, train_set, val_set


def hidden(model, x):
    """The outputs of the two ReLUs, for a batch of images."""
    outputs, h = [], model.flatten(x)
    for layer in model.linear_relu_stack:
        h = layer(h)
        if isinstance(layer, nn.ReLU):
            outputs.append(h)
    return outputs


@torch.no_grad()
def report(model, when):
    for number, h in enumerate(hidden(model, x_val), start=1):
        zeros = 100 * (h == 0).float().mean().item()
        dead = (h == 0).all(dim=0).sum().item()  # (1)!
        spread = h.std(dim=0).mean().item()  # (2)!
        print(f"{when:7} ReLU {number}: mean {h.mean().item():.2f}"
              f"  zeros {zeros:2.0f} %  spread {spread:.2f}  dead {dead}")


x_val = next(iter(DataLoader(val_set, batch_size=500)))[0].to(device)
torch.manual_seed(0)
model = NeuralNetwork().to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(train_set, batch_size=64, shuffle=True,
                    generator=torch.Generator().manual_seed(0))
weights = [m.weight for m in model.modules() if isinstance(m, nn.Linear)]
report(model, "start")
#> start   ReLU 1: mean 0.10  zeros 47 %  spread 0.09  dead 2
#> start   ReLU 2: mean 0.04  zeros 50 %  spread 0.03  dead 7
ratios = []  # per step: one update-to-data ratio per Linear layer
for epoch in range(2):
    for x, y in loader:
        before = [w.detach().clone() for w in weights]
        loss = nn.functional.cross_entropy(model(x.to(device)), y.to(device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        ratios.append([((w.detach() - b).norm() / b.norm()).item()
                       for w, b in zip(weights, before)])
report(model, "trained")
#> trained ReLU 1: mean 0.48  zeros 39 %  spread 0.44  dead 57
#> trained ReLU 2: mean 0.66  zeros 46 %  spread 0.60  dead 129
# --8<-- [end:inside]

# --8<-- [start:ratios]
for step in (1, 2, 8, 16, 32):
    print(f"step {step:2}:", "  ".join(f"{r:.0e}" for r in ratios[step - 1]))
#> step  1: 5e-02  4e-02  4e-02
#> step  2: 3e-02  3e-02  3e-02
#> step  8: 2e-02  2e-02  2e-02
#> step 16: 1e-02  1e-02  1e-02
#> step 32: 1e-02  6e-03  6e-03
# --8<-- [end:ratios]
