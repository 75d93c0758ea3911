# --8<-- [start:by_hand]
import copy

import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).to(device)
twin, triplet = copy.deepcopy(model), copy.deepcopy(model)  # same parameters
inputs = torch.randn(16, 4).to(device)
labels = torch.randint(0, 3, (16,)).to(device)
loss_fn, lr = nn.CrossEntropyLoss(), 0.3

for step in range(20):
    for p in model.parameters():
        p.grad = None  # zero_grad, by hand
    loss_fn(model(inputs), labels).backward()
    with torch.no_grad():  # (1)!
        for p in model.parameters():
            p -= lr * p.grad  # the SGD update: p <- p - lr * dL/dp
loss = loss_fn(model(inputs), labels)
print(f"loss after 20 steps by hand: {loss.item():.4f}")
#> loss after 20 steps by hand: 0.8483
# --8<-- [end:by_hand]

# --8<-- [start:optim]
optimizer = torch.optim.SGD(twin.parameters(), lr=lr)
for step in range(20):
    optimizer.zero_grad()
    loss_fn(twin(inputs), labels).backward()
    optimizer.step()
print(f"loss after 20 steps by torch.optim.SGD: "
      f"{loss_fn(twin(inputs), labels).item():.4f}")
#> loss after 20 steps by torch.optim.SGD: 0.8483
pairs = list(zip(model.parameters(), twin.parameters()))
print("same to 1e-6:", all(torch.allclose(a, b, atol=1e-6) for a, b in pairs))  # (1)!
#> same to 1e-6: True
# --8<-- [end:optim]

# --8<-- [start:rounding]
p, g = torch.tensor(0.1), torch.tensor(0.3)  # float32, like the parameters
two_roundings = p - lr * g  # lr * g rounded to float32, then the difference
exact = p.double() - torch.tensor(lr).double() * g.double()  # nothing rounded
one_rounding = exact.float()  # rounded once, as a fused multiply-add does
print(f"two roundings: {two_roundings.item():.9g}")
#> two roundings: 0.00999999791
print(f"one rounding:  {one_rounding.item():.9g}")
#> one rounding:  0.00999999419
product = lr * g
spacing = torch.nextafter(product, torch.tensor(1.0)) - product
print(f"apart by {(two_roundings - one_rounding).item():.2g}: half the spacing "
      f"of float32 numbers near lr * g = {product.item():.2g}, "
      f"{spacing.item():.2g}")
#> apart by 3.7e-09: half the spacing of float32 numbers near lr * g = 0.09, 7.5e-09
# --8<-- [end:rounding]

# --8<-- [start:exact]
for step in range(20):
    for p in triplet.parameters():
        p.grad = None
    loss_fn(triplet(inputs), labels).backward()
    with torch.no_grad():
        for p in triplet.parameters():
            p.add_(p.grad, alpha=-lr)  # p + (-lr) * grad, in one operation
pairs = zip(triplet.parameters(), twin.parameters())
print("add_(grad, alpha=-lr), bit for bit:",
      all(torch.equal(a, b) for a, b in pairs))
#> add_(grad, alpha=-lr), bit for bit: True
# --8<-- [end:exact]
