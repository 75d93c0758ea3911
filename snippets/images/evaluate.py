# --8<-- [start:train]
import math

import torch
from torch.utils.data import DataLoader

from snippets.images.fashion import device, fit, test_data, test_set

model, _ = fit(lambda p: torch.optim.Adam(p, lr=1e-3), epochs=2)  # (1)!
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
#> 1538 of 2000 right: 76.9 % ± 0.9 %
# --8<-- [end:accuracy]

# --8<-- [start:per_class]
classes = test_data.classes
for k, name in enumerate(classes):
    mine = labels == k
    hits = (predictions[mine] == k).sum().item()
    print(f"{name:12} {hits:3} of {mine.sum().item()}"
          f"  {100 * hits / mine.sum().item():3.0f} %")
#> T-shirt/top  176 of 200   88 %
#> Trouser      191 of 203   94 %
#> Pullover     127 of 214   59 %
#> Dress        148 of 190   78 %
#> Coat         144 of 219   66 %
#> Sandal       145 of 195   74 %
#> Shirt         78 of 197   40 %
#> Sneaker      185 of 200   92 %
#> Bag          172 of 194   89 %
#> Ankle boot   172 of 188   91 %
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
#>       Shirt taken for T-shirt/top  58
#>        Coat taken for Shirt        44
#>       Shirt taken for Coat         42
#>    Pullover taken for Coat         40
#>    Pullover taken for Shirt        40
#>      Sandal taken for Sneaker      35
# --8<-- [end:confusion]

# --8<-- [start:wrong]
wrong = (predictions != labels).nonzero().flatten()
print(len(wrong), "mistakes; the first five:")
#> 462 mistakes; the first five:
for i in wrong[:5].tolist():
    q, k = probabilities[i].topk(2)
    guesses = ", ".join(f"{classes[c]} {v:.2f}"
                        for v, c in zip(q.tolist(), k.tolist()))
    print(f"  image {i:4}: a {classes[labels[i]]}, seen as {guesses}")
#>   image    7: a Shirt, seen as Coat 0.42, Shirt 0.34
#>   image   10: a Coat, seen as Pullover 0.56, Coat 0.29
#>   image   11: a Sandal, seen as Sneaker 0.44, Ankle boot 0.30
#>   image   12: a Sneaker, seen as Sandal 0.78, Bag 0.16
#>   image   17: a Coat, seen as Shirt 0.55, Pullover 0.26
# --8<-- [end:wrong]
