# --8<-- [start:adam]
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)  # the same model and batch as the SGD example
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).to(device)
inputs = torch.randn(16, 4).to(device)
labels = torch.randint(0, 3, (16,)).to(device)
loss_fn = nn.CrossEntropyLoss()
params = [p.detach().clone() for p in model.parameters()]  # Adam by hand
m = [torch.zeros_like(p) for p in params]  # first moment: average of g
v = [torch.zeros_like(p) for p in params]  # second moment: average of g**2
lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8  # torch.optim.Adam's defaults

optimizer = torch.optim.Adam(model.parameters(), lr=lr)
for t in range(1, 21):
    optimizer.zero_grad()
    loss_fn(model(inputs), labels).backward()
    with torch.no_grad():
        for p, q, m_i, v_i in zip(params, model.parameters(), m, v):
            g = q.grad  # the gradient torch.optim.Adam is about to use
            m_i.mul_(beta1).add_((1 - beta1) * g)
            v_i.mul_(beta2).add_((1 - beta2) * g * g)
            m_hat, v_hat = m_i / (1 - beta1**t), v_i / (1 - beta2**t)  # (1)!
            p -= lr * m_hat / (v_hat.sqrt() + eps)
    optimizer.step()
close = all(torch.allclose(a, b, atol=1e-6)
            for a, b in zip(params, model.parameters()))
print("Adam by hand matches torch.optim.Adam:", close)
#> Adam by hand matches torch.optim.Adam: True
print(f"loss after 20 Adam steps: {loss_fn(model(inputs), labels).item():.4f}")
#> loss after 20 Adam steps: 0.8743
# --8<-- [end:adam]

# --8<-- [start:first_step]
torch.manual_seed(0)  # the same initial parameters again
fresh = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).to(device)
before = [p.detach().clone() for p in fresh.parameters()]
optimizer = torch.optim.Adam(fresh.parameters(), lr=0.01)
loss_fn(fresh(inputs), labels).backward()
optimizer.step()
moves = torch.cat([(p.detach() - b).abs().flatten()
                   for p, b in zip(fresh.parameters(), before)])
print(f"first step |Δp| / lr: min {moves.min().item() / 0.01:.3f}, "
      f"max {moves.max().item() / 0.01:.3f}")
#> first step |Δp| / lr: min 1.000, max 1.000
# --8<-- [end:first_step]
