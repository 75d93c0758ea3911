from snippets.training.probes import activations, spread

# --8<-- [start:stats]
import torch

from snippets.training.deep_mlp import x
from snippets.training.fixed_nets import SETUPS, device

FLAT = {  # where the activation's derivative is (almost) zero
    "sigmoid": lambda h: (h < 0.05) | (h > 0.95),  # σ' < 0.048
    "tanh + Xavier init": lambda h: h.abs() > 0.97,  # tanh' < 0.06
    "ReLU + Kaiming init": lambda h: h == 0,  # ReLU' = 0
}
outputs = {}  # every layer's activations, for the histograms
for name, flat in FLAT.items():
    torch.manual_seed(1)
    outputs[name] = activations(SETUPS[name]().to(device), x)
    print(f"{name}: layer, mean, std, flat, spread over the batch")
    for layer in (1, 2, 5, 10, 19):
        h = outputs[name][layer - 1]
        s = spread(h)
        print(f"  {layer:2d}  {h.mean():5.2f}  {h.std():4.2f}  "
              f"{flat(h).float().mean():4.0%}  "
              f"{f'{s:.0e}' if s > 1e-6 else '< 1e-6'}")
#> sigmoid: layer, mean, std, flat, spread over the batch
#>    1   0.50  0.14    0%  1e-01
#>    2   0.50  0.09    0%  2e-02
#>    5   0.48  0.08    0%  5e-05
#>   10   0.51  0.07    0%  < 1e-6
#>   19   0.49  0.06    0%  < 1e-6
#> tanh + Xavier init: layer, mean, std, flat, spread over the batch
#>    1   0.01  0.75   20%  8e-01
#>    2  -0.01  0.70   11%  7e-01
#>    5  -0.01  0.65    6%  7e-01
#>   10  -0.00  0.65    5%  6e-01
#>   19  -0.00  0.64    4%  6e-01
#> ReLU + Kaiming init: layer, mean, std, flat, spread over the batch
#>    1   0.56  0.83   50%  8e-01
#>    2   0.58  0.85   49%  7e-01
#>    5   0.40  0.63   52%  4e-01
#>   10   0.41  0.68   55%  2e-01
#>   19   0.34  0.56   57%  1e-01
# --8<-- [end:stats]

# --8<-- [start:dead]
relu = outputs["ReLU + Kaiming init"]  # [256, 64] per layer
layers = (1, 2, 5, 10, 19)
dead = [int(((relu[n - 1] > 0).sum(dim=0) == 0).sum()) for n in layers]
print("layer:                 " + "".join(f"{n:4d}" for n in layers))
#> layer:                    1   2   5  10  19
print("units 0 on all inputs: " + "".join(f"{d:4d}" for d in dead))
#> units 0 on all inputs:    0   0   2  11  23
# --8<-- [end:dead]
