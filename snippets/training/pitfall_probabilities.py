from snippets.training.fit import accuracy, fit, spiral_model, x_train, y_train

# --8<-- [start:probabilities]
import math

for probabilities in (False, True):
    model = spiral_model()
    losses = fit(model, x_train, y_train, probabilities=probabilities)
    model.eval()
    print(f"loss on {'probabilities' if probabilities else 'logits':13}  "
          f"final loss {losses[-1]:.3f}  "
          f"train accuracy {accuracy(model, x_train, y_train):.3f}")
#> loss on logits         final loss 0.016  train accuracy 0.997
#> loss on probabilities  final loss 0.327  train accuracy 0.990
floor = math.log(1 + math.exp(-1))
print(f"lowest loss on probabilities: log(1 + e**-1) = {floor:.4f}")
#> lowest loss on probabilities: log(1 + e**-1) = 0.3133
# --8<-- [end:probabilities]
