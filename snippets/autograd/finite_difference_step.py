# --8<-- [start:table]
import torch


def cube(x):
    return x * x * x  # f'(x) = 3x², so f'(1.5) = 6.75


def errors(h, dtype):
    x = torch.tensor(1.5, dtype=dtype)
    forward = (cube(x + h) - cube(x)) / h
    central = (cube(x + h) - cube(x - h)) / (2 * h)
    return abs(forward.item() - 6.75), abs(central.item() - 6.75)


print("h      forward64  central64  forward32  central32")
#> h      forward64  central64  forward32  central32
for h in (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7):
    row = errors(h, torch.float64) + errors(h, torch.float32)
    print(f"{h:.0e}  " + "  ".join(f"{e:9.1e}" for e in row))
#> 1e-01    4.6e-01    1.0e-02    4.6e-01    1.0e-02
#> 1e-02    4.5e-02    1.0e-04    4.5e-02    9.5e-05
#> 1e-03    4.5e-03    1.0e-06    4.9e-03    3.4e-04
#> 1e-04    4.5e-04    1.0e-08    4.4e-03    2.0e-03
#> 1e-05    4.5e-05    1.4e-10    2.1e-02    9.2e-03
#> 1e-06    4.5e-06    6.1e-10    3.1e-01    3.1e-01
#> 1e-07    4.5e-07    3.4e-09    2.8e+00    1.6e+00
# --8<-- [end:table]
