from snippets.training.fit import device, fit, spiral_model, x_train, y_train

# --8<-- [start:lr]
import math

import torch

curves, models = {}, {}
for lr in (0.5, 12.0, 30.0):
    models[lr] = spiral_model()
    curves[lr] = fit(models[lr], x_train, y_train, lr=lr, opt=torch.optim.SGD)
    first = " ".join(f"{v:.2g}" for v in curves[lr][:6])
    print(f"lr {lr:4}: {first} ... {curves[lr][-1]:.2g}")
#> lr  0.5: 0.71 0.7 0.69 0.68 0.67 0.67 ... 0.57
#> lr 12.0: 0.71 0.73 1.1 15 8.7e+03 2.5e+06 ... 3
#> lr 30.0: 0.71 1.1 1.7e+02 2.5e+05 3.4e+07 2.6e+15 ... nan
rise = math.log10(max(curves[12.0]) / curves[12.0][0])
print(f"lr 12: at its peak the loss is {rise:.0f} orders of magnitude up")
#> lr 12: at its peak the loss is 34 orders of magnitude up
blown = next(i for i, v in enumerate(curves[30.0]) if not math.isfinite(v))
print(f"lr 30: the loss is no longer a number from step {blown}")
#> lr 30: the loss is no longer a number from step 7
with torch.no_grad():  # the second layer's inputs to its ReLU, on every point
    before_relu = models[12.0][:4](x_train.to(device))
silent = (before_relu <= 0).all(dim=0).sum().item()
print(f"lr 12: second-layer ReLUs that fire on no training point: {silent} of 64")
#> lr 12: second-layer ReLUs that fire on no training point: 64 of 64
# --8<-- [end:lr]
