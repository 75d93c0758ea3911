from snippets.training.splits import (
    accuracy, flip, model64, train_loop, warmup_cosine, x_te, x_tr, x_val,
    y_te, y_tr, y_val)

# --8<-- [start:noisy]
import torch

runs = {}
for dropout, decay in [(0.0, 0.0), (0.0, 0.3), (0.2, 0.0), (0.2, 0.3)]:
    model = model64(dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01,
                                  weight_decay=decay)  # (1)!
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, warmup_cosine(20, 300))  # (2)!
    losses, best = train_loop(model, optimizer, schedule=schedule)
    learned = model(x_tr).argmax(dim=1)[flip] == y_tr[flip]  # (3)!
    runs[dropout, decay] = losses["validation"][-1], learned.sum(), model
none = runs[0.0, 0.0]
print(f"neither: validation loss {none[0]:.2f}; "
      f"over a third of the wrong labels learned: {bool(none[1] > 13)}")
#> neither: validation loss 0.31; over a third of the wrong labels learned: True
for (dropout, decay), (val_loss, learned, _) in list(runs.items())[1:]:
    print(f"dropout {dropout}, weight decay {decay}: validation loss "
          f"{val_loss:.2f}; fewer wrong labels: {bool(learned < none[1])}")
#> dropout 0.0, weight decay 0.3: validation loss 0.27; fewer wrong labels: True
#> dropout 0.2, weight decay 0.0: validation loss 0.25; fewer wrong labels: True
#> dropout 0.2, weight decay 0.3: validation loss 0.27; fewer wrong labels: True
chosen = min(runs, key=lambda k: runs[k][0])  # on validation only
better = accuracy(runs[chosen][2], x_te, y_te) > accuracy(none[2], x_te, y_te)
print(f"chosen: dropout {chosen[0]}, weight decay {chosen[1]}")
#> chosen: dropout 0.2, weight decay 0.0
print(f"its test accuracy above the unregularized model's: {better}")
#> its test accuracy above the unregularized model's: True
# --8<-- [end:noisy]

# --8<-- [start:tiny]
from torch import nn

from snippets.training.fit import x_train, y_train

few = torch.randperm(600, generator=torch.Generator().manual_seed(0))[:20]
x20, y20 = x_train[few].double(), y_train[few]
for dropout, decay in [(0.0, 0.0), (0.0, 0.3), (0.2, 0.0), (0.2, 0.3)]:
    model = model64(dropout)
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.01,
                                  weight_decay=decay)
    model.train()
    for step in range(150):  # the pitfalls page's run, on its 20 points
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(x20), y20).backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        val_loss = nn.functional.cross_entropy(model(x_val), y_val).item()
    print(f"20 points, dropout {dropout}, weight decay {decay}: "
          f"validation loss {val_loss:.1f}, "
          f"accuracy {accuracy(model, x_val, y_val):.2f}")
#> 20 points, dropout 0.0, weight decay 0.0: validation loss 3.5, accuracy 0.73
#> 20 points, dropout 0.0, weight decay 0.3: validation loss 2.6, accuracy 0.74
#> 20 points, dropout 0.2, weight decay 0.0: validation loss 3.5, accuracy 0.75
#> 20 points, dropout 0.2, weight decay 0.3: validation loss 2.2, accuracy 0.70
# --8<-- [end:tiny]
