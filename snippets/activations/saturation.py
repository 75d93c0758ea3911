# --8<-- [start:saturate]
import torch

for at in (0.0, 1.0, 2.5, 5.0):
    x = torch.tensor(at, requires_grad=True)
    torch.sigmoid(x).backward()
    sigmoid_grad = x.grad.item()
    x.grad = None
    torch.tanh(x).backward()
    print(f"x = {at}: sigmoid' {sigmoid_grad:.2e}  tanh' {x.grad.item():.2e}")
#> x = 0.0: sigmoid' 2.50e-01  tanh' 1.00e+00
#> x = 1.0: sigmoid' 1.97e-01  tanh' 4.20e-01
#> x = 2.5: sigmoid' 7.01e-02  tanh' 2.66e-02
#> x = 5.0: sigmoid' 6.65e-03  tanh' 1.82e-04
print(torch.tanh(torch.tensor(10.0)).item())  # exactly 1.0 in float32
#> 1.0
# --8<-- [end:saturate]
