import torch

from snippets.images.fashion import fit, train_set, val_set

# --8<-- [start:recipes]
recipes = {
    "quickstart: SGD, lr 1e-3": lambda p: torch.optim.SGD(p, lr=1e-3),
    "Adam, lr 1e-3": lambda p: torch.optim.Adam(p, lr=1e-3),
}
histories = {}
for name, make_optimizer in recipes.items():
    model, history = fit(make_optimizer, epochs=2)
    histories[name] = history
    print(name)
    for epoch, (loss, correct) in enumerate(history["val"]):
        print(f"  after epoch {epoch}: validation loss {loss:.2f},"
              f" {correct} of {len(val_set)} right")
print(len(train_set), "training images,", len(history["train"]), "steps")
# --8<-- [end:recipes]
