# --8<-- [start:train]
import math

import torch
from torch.utils.data import DataLoader

from snippets.images.fashion import device, fit, test_data, test_set

model, _ = fit(lambda p: torch.optim.Adam(p, lr=1e-3), validate=False)  # (1)!
# --8<-- [end:train]

# --8<-- [start:accuracy]
model.eval()
labels, probabilities = [], []
with torch.no_grad():
    for x, y in DataLoader(test_set, batch_size=1000):
        probabilities.append(model(x.to(device)).softmax(dim=1).cpu())
        labels.append(y)
labels, probabilities = torch.cat(labels), torch.cat(probabilities)
predictions = probabilities.argmax(dim=1)

n = len(labels)
right = (predictions == labels).sum().item()
p = right / n
se = math.sqrt(p * (1 - p) / n)  # (1)!
print(f"{right} of {n} right: {100 * p:.1f} % ± {100 * se:.1f} %")
#> 703 of 1000 right: 70.3 % ± 1.4 %
# --8<-- [end:accuracy]

# --8<-- [start:per_class]
classes = test_data.classes
for k, name in enumerate(classes):
    mine = labels == k
    hits = (predictions[mine] == k).sum().item()
    print(f"{name:12} {hits:3} of {mine.sum().item():3}"
          f"  {100 * hits / mine.sum().item():3.0f} %")
#> T-shirt/top   85 of 107   79 %
#> Trouser       96 of 105   91 %
#> Pullover      93 of 111   84 %
#> Dress         80 of  93   86 %
#> Coat          37 of 115   32 %
#> Sandal        76 of  87   87 %
#> Shirt          3 of  97    3 %
#> Sneaker       60 of  95   63 %
#> Bag           88 of  95   93 %
#> Ankle boot    85 of  95   89 %
# --8<-- [end:per_class]

# --8<-- [start:confusion]
confusion = torch.bincount(labels * 10 + predictions, minlength=100)
confusion = confusion.view(10, 10)  # (1)!
print(confusion.trace().item() == right, confusion.sum().item() == n)
#> True True

mistakes = confusion.clone().fill_diagonal_(0)
order = mistakes.flatten().argsort(descending=True, stable=True)
for cell in order[:6].tolist():
    true, predicted = divmod(cell, 10)
    print(f"{classes[true]:>11} taken for {classes[predicted]:11}"
          f" {mistakes[true, predicted].item():3}")
#>        Coat taken for Pullover     56
#>       Shirt taken for Pullover     47
#>     Sneaker taken for Sandal       23
#>       Shirt taken for T-shirt/top  21
#>        Coat taken for Dress        16
#> T-shirt/top taken for Dress        15
# --8<-- [end:confusion]

# --8<-- [start:wrong]
wrong = (predictions != labels).nonzero().flatten()
print(len(wrong), "mistakes; the first five:")
#> 297 mistakes; the first five:
for i in wrong[:5].tolist():
    q, k = probabilities[i].topk(2)
    guesses = ", ".join(f"{classes[c]} {v:.2f}"
                        for v, c in zip(q.tolist(), k.tolist()))
    print(f"  image {i:4}: a {classes[labels[i]]}, seen as {guesses}")
#>   image    4: a Shirt, seen as Pullover 0.42, Shirt 0.31
#>   image    7: a Shirt, seen as Pullover 0.38, Coat 0.36
#>   image    8: a Sandal, seen as Sneaker 0.30, Sandal 0.30
#>   image   10: a Coat, seen as Pullover 0.58, Coat 0.31
#>   image   12: a Sneaker, seen as Sandal 0.46, Bag 0.40
# --8<-- [end:wrong]
