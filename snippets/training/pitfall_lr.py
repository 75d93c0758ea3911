from snippets.training.fit import fit, spiral_model, x_train, y_train

# --8<-- [start:lr]
import math

import torch

curves = {}
for lr in (0.5, 10.0, 30.0):
    model = spiral_model()
    curves[lr] = fit(model, x_train, y_train, lr=lr, opt=torch.optim.SGD)
    first = " ".join(f"{v:.2g}" for v in curves[lr][:6])
    print(f"lr {lr:4}: {first} ... {curves[lr][-1]:.2g}")
#> lr  0.5: 0.71 0.7 0.69 0.68 0.67 0.67 ... 0.57
#> lr 10.0: 0.71 0.7 0.91 3.3 9.8e+02 4 ... 2
#> lr 30.0: 0.71 1.1 1.7e+02 2.5e+05 3.4e+07 2.6e+15 ... nan
blown = next(i for i, v in enumerate(curves[30.0]) if not math.isfinite(v))
print(f"lr 30: the loss is no longer a number from step {blown}")
#> lr 30: the loss is no longer a number from step 7
# --8<-- [end:lr]
