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
        when = f"after epoch {epoch}" if epoch else "before training"
        print(f"  {when:15}  validation loss {loss:.2f},"
              f" {correct:3} of {len(val_set)} right")
#> quickstart: SGD, lr 1e-3
#>   before training  validation loss 2.31,  66 of 1000 right
#>   after epoch 1    validation loss 2.31,  74 of 1000 right
#>   after epoch 2    validation loss 2.30,  79 of 1000 right
#> Adam, lr 1e-3
#>   before training  validation loss 2.31,  66 of 1000 right
#>   after epoch 1    validation loss 0.80, 704 of 1000 right
#>   after epoch 2    validation loss 0.60, 779 of 1000 right
print(len(train_set), "training images,", len(history["train"]), "steps")
#> 2000 training images, 64 steps
# --8<-- [end:recipes]
