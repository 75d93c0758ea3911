from snippets.training.splits import (
    accuracy, flip, model64, test, train, train_loop, val, x_te, y_te)

# --8<-- [start:curves]
import torch

print(f"train {len(train)}, validation {len(val)}, test {len(test)}; "
      f"{int(flip.sum())} training labels flipped")
#> train 200, validation 200, test 200; 39 training labels flipped
model = model64()
losses, (best_loss, best_step, best_weights) = train_loop(
    model, torch.optim.Adam(model.parameters(), lr=0.01))
print(f"validation loss: lowest {best_loss:.2f}, at step {best_step}")
#> validation loss: lowest 0.23, at step 88
print("at step 300: training loss lower than at the best step:",
      losses["train"][-1] < losses["train"][best_step - 1])
#> at step 300: training loss lower than at the best step: True
print("at step 300: validation loss 20 % above its lowest or more:",
      losses["validation"][-1] > 1.2 * best_loss)
#> at step 300: validation loss 20 % above its lowest or more: True
at_end = accuracy(model, x_te, y_te)  # (1)!
model.load_state_dict(best_weights)  # early stopping: the best step's weights
early = accuracy(model, x_te, y_te)
print(f"test accuracy, early-stopped model: {early:.3f}; "
      f"above step 300's: {early > at_end}")
#> test accuracy, early-stopped model: 0.930; above step 300's: True
# --8<-- [end:curves]
