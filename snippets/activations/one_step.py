# --8<-- [start:step]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
x = torch.randn(8, 4).to(device)  # 8 examples, 4 features
y = torch.randint(0, 3, (8,)).to(device)  # 3 classes
model = nn.Linear(4, 3).to(device)
loss_fn = nn.CrossEntropyLoss()
lr = 0.1

loss = loss_fn(model(x), y)
loss.backward()
squared_norm = sum((p.grad ** 2).sum() for p in model.parameters())
with torch.no_grad():
    for p in model.parameters():
        p -= lr * p.grad  # step against the gradient
after = loss_fn(model(x), y)
print(f"before {loss.item():.4f}  after {after.item():.4f}")
#> before 1.0171  after 0.9950
print(f"predicted drop {lr * squared_norm.item():.4f}  "  # (1)!
      f"actual drop {(loss - after).item():.4f}")
#> predicted drop 0.0228  actual drop 0.0222
# --8<-- [end:step]
