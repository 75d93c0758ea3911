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
print("same to 1e-6:", all(torch.allclose(a, b, atol=1e-6) for a, b in pairs))
#> same to 1e-6: True
print("bit for bit: ", all(torch.equal(a, b) for a, b in pairs))  # (1)!
#> bit for bit:  False
# --8<-- [end:optim]

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
