from snippets.training.fit import (
    accuracy, device, spiral_model, x_test, x_train, y_test, y_train)

# --8<-- [start:split]
import torch
from torch import nn

from snippets.training.spirals import two_spirals

x_val, y_val = two_spirals(300, seed=2)  # (1)!
few = torch.randperm(600, generator=torch.Generator().manual_seed(0))[:20]
x, y = x_train[few].to(device), y_train[few].to(device)  # the 20 points

model = spiral_model()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
val_loss, val_acc, test_acc = [], [], []  # after each of the 150 steps
for step in range(150):
    model.train()
    optimizer.zero_grad()
    nn.functional.cross_entropy(model(x), y).backward()
    optimizer.step()
    model.eval()
    with torch.inference_mode():
        val_loss.append(nn.functional.cross_entropy(
            model(x_val.to(device)), y_val.to(device)).item())
    val_acc.append(accuracy(model, x_val, y_val))
    test_acc.append(accuracy(model, x_test, y_test))  # (2)!

for rule, scores in [("lowest validation loss", [-v for v in val_loss]),
                     ("best validation accuracy", val_acc),
                     ("best TEST accuracy", test_acc)]:
    step = scores.index(max(scores))  # the first step that scores best
    print(f"{rule:24}  step {step + 1:3d}  test accuracy {test_acc[step]:.3f}")
#> lowest validation loss    step   2  test accuracy 0.515
#> best validation accuracy  step 140  test accuracy 0.707
#> best TEST accuracy        step  48  test accuracy 0.712
print(f"validation loss: {val_loss[1]:.1f} at step 2, "
      f"{val_loss[-1]:.1f} at step 150")
#> validation loss: 0.7 at step 2, 3.5 at step 150
# --8<-- [end:split]
