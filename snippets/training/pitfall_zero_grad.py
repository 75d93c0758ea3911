from snippets.training.fit import accuracy, fit, spiral_model, x_train, y_train

# --8<-- [start:forgot]
for zero_grad in (True, False):
    model = spiral_model()
    losses = fit(model, x_train, y_train, zero_grad=zero_grad)
    model.eval()
    print(f"zero_grad={zero_grad!s:5}  final loss {losses[-1]:.3f}  "
          f"train accuracy {accuracy(model, x_train, y_train):.3f}")
#> zero_grad=True   final loss 0.016  train accuracy 0.997
#> zero_grad=False  final loss 0.937  train accuracy 0.633
# --8<-- [end:forgot]
