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
#>   before training  validation loss 2.31,  29 of 500 right
#>   after epoch 1    validation loss 2.31,  31 of 500 right
#>   after epoch 2    validation loss 2.31,  35 of 500 right
#> Adam, lr 1e-3
#>   before training  validation loss 2.31,  29 of 500 right
#>   after epoch 1    validation loss 1.03, 298 of 500 right
#>   after epoch 2    validation loss 0.78, 343 of 500 right
print(len(train_set), "training images,", len(history["train"]), "steps")
#> 1000 training images, 32 steps
# --8<-- [end:recipes]
