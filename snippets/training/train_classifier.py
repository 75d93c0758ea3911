from snippets.training.spirals import x_test, x_train, y_test, y_train

# --8<-- [start:setup]
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")  # no accelerator: the CPU

torch.manual_seed(0)  # the initial weights
model = nn.Sequential(
    nn.Linear(2, 64), nn.ReLU(),
    nn.Linear(64, 64), nn.ReLU(),
    nn.Linear(64, 2),  # two logits: spiral 0 or spiral 1
).to(device)
loader = DataLoader(
    TensorDataset(x_train, y_train), batch_size=50, shuffle=True,
    generator=torch.Generator().manual_seed(0),  # (1)!
)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
print(len(loader.dataset), "examples,", len(loader), "batches per epoch")
#> 600 examples, 12 batches per epoch
# --8<-- [end:setup]

# --8<-- [start:train]
losses = []  # the loss of every step, for the plot
model.train()
for epoch in range(20):
    for inputs, labels in loader:  # a new shuffle every epoch
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())  # (1)!
        if len(losses) % 40 == 0:
            print(f"epoch {epoch:2d}  step {len(losses):3d}  "
                  f"loss {loss.item():.3f}")
#> epoch  3  step  40  loss 0.510
#> epoch  6  step  80  loss 0.333
#> epoch  9  step 120  loss 0.215
#> epoch 13  step 160  loss 0.114
#> epoch 16  step 200  loss 0.078
#> epoch 19  step 240  loss 0.070
# --8<-- [end:train]

# --8<-- [start:evaluate]
model.eval()  # dropout and batch norm would switch to evaluation behavior
with torch.inference_mode():  # no graph: nothing here will be differentiated
    for name, x, y in [("train", x_train, y_train),
                       ("held-out", x_test, y_test)]:
        predicted = model(x.to(device)).argmax(dim=1)
        correct = (predicted == y.to(device)).sum().item()
        print(f"{name:8} accuracy: {correct}/{len(y)} "
              f"= {correct / len(y):.3f}")
#> train    accuracy: 590/600 = 0.983
#> held-out accuracy: 589/600 = 0.982
# --8<-- [end:evaluate]

# --8<-- [start:noise]
import math

t = torch.linspace(0.5, 3 * math.pi + 0.5, 10_000)  # the angles of the data
arm = torch.stack([t * torch.cos(t), t * torch.sin(t)], dim=1) / 5
arms = torch.stack([arm, -arm])  # the two noise-free spirals, [2, 10000, 2]
exact = "donot_use_mm_for_euclid_dist"  # the exact formula, no matmul trick
distance = torch.cdist(x_test, arms, compute_mode=exact).amin(dim=2)  # [2,600]
nearest = distance.argmin(dim=0)  # (1)!
with torch.inference_mode():
    predicted = model(x_test.to(device)).argmax(dim=1).cpu()
rule_wrong, model_wrong = nearest != y_test, predicted != y_test
print(f"held-out errors: nearest arm {rule_wrong.sum().item()}, "
      f"model {model_wrong.sum().item()}, "
      f"both {(rule_wrong & model_wrong).sum().item()}")
#> held-out errors: nearest arm 5, model 11, both 4
# --8<-- [end:noise]
